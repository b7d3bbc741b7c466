package com.practicescheduler.api.series;

import java.time.Instant;

/** An occurrence that could not be booked, with the problem slug a single booking at that start would get. */
public record SkippedOccurrence(Instant start, String problem) {
}
