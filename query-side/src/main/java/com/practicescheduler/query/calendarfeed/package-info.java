/**
 * Calendar feeds (ADR 19): the feeds' tokens (hashed) projected from the command side's events, and the feed itself,
 * an iCalendar document of a provider's appointments served at its unguessable URL without a login.
 */
package com.practicescheduler.query.calendarfeed;
