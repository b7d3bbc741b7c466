package com.practicescheduler.api.error;

/**
 * An occurrence of a series that cannot be booked ({@link ErrorCode#SERIES_CONFLICTS}).
 *
 * @param start   the occurrence's start, ISO-8601 with the practice's offset
 * @param problem the slug a single booking at that start would be refused with
 */
public record SeriesConflict(String start, String problem) {
}
