/** De-identified reports (utilization, attendance, waitlist) from read models of their own, rebuilt from the events. */
package com.practicescheduler.query.report;
