/** The clock: domain code never calls {@code now()}; it is handed this one so tests can control time. */
package com.practicescheduler.platform.time;
