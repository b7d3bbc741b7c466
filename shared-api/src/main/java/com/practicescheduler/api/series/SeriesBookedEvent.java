package com.practicescheduler.api.series;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A series was booked: its occurrences are appointments booked in the same unit of work (their
 * {@code AppointmentBookedEvent}s name the series), the skipped ones are listed with their problem.
 *
 * @param plannedThrough the start of the last occurrence considered: an open-ended series goes on after it
 * @param timeZone       the practice's zone, whose local weekday and time the occurrences keep
 */
@Revision("1")
public record SeriesBookedEvent(String seriesId, String practiceId, String patientId, String providerId,
                                String serviceId, Instant start, Recurrence recurrence, String timeZone,
                                List<SeriesOccurrence> booked, List<SkippedOccurrence> skipped,
                                Instant plannedThrough, String requestFingerprint) {

    public SeriesBookedEvent {
        booked = List.copyOf(booked);
        skipped = List.copyOf(skipped);
    }
}
