/** The waitlist read model: entries with their status, rank and waiting time. */
package com.practicescheduler.query.waitlist;
