/**
 * Calendar feeds (ADR 19): a provider's iCalendar subscription URLs, created and revoked here as events of the
 * provider's {@link com.practicescheduler.command.calendarfeed.ProviderCalendarFeeds}; the query side serves them.
 */
package com.practicescheduler.command.calendarfeed;
