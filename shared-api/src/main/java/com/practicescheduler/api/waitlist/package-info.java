/** The waitlist: patients waiting for a service, and (to come) the offers that fill freed slots. */
package com.practicescheduler.api.waitlist;
