package com.practicescheduler.api.series;

import java.time.Instant;

/** An occurrence booked as the appointment {@code appointmentId} for [start, end). */
public record SeriesOccurrence(String appointmentId, Instant start, Instant end) {
}
