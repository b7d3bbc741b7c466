/**
 * The waitlist: {@link com.practicescheduler.command.waitlist.WaitlistEntry}, one patient waiting for a service, and
 * the matcher that offers freed time to the best-placed entry.
 */
package com.practicescheduler.command.waitlist;
