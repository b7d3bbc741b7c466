/** The waitlist: {@link com.practicescheduler.command.waitlist.WaitlistEntry}, one patient waiting for a service. */
package com.practicescheduler.command.waitlist;
