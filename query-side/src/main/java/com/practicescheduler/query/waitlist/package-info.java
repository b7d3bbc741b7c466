/** The waitlist read model: entries with their status, rank and waiting time; their offers are in {@code offer}. */
package com.practicescheduler.query.waitlist;
