package com.practicescheduler.api.series;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A series was cancelled from {@code from} on: {@code ENDED}, or {@code CANCELLED} when none of its occurrences
 * is left. The cancelled occurrences have their own {@code AppointmentCancelledEvent}s.
 */
@Revision("1")
public record SeriesEndedEvent(String seriesId, String practiceId, String patientId, SeriesStatus status,
                               Instant from) {
}
