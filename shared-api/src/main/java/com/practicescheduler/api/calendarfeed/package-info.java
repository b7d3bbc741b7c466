/**
 * Calendar feeds (ADR 19): per-provider iCalendar subscription URLs. The events carry only the SHA-256 of a feed's
 * token, never the token itself.
 */
package com.practicescheduler.api.calendarfeed;
