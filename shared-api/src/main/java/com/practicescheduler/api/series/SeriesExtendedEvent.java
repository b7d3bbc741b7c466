package com.practicescheduler.api.series;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/** An open-ended series booked the occurrences the booking horizon reached, and skipped those it could not. */
@Revision("1")
public record SeriesExtendedEvent(String seriesId, String practiceId, String patientId,
                                  List<SeriesOccurrence> booked, List<SkippedOccurrence> skipped,
                                  Instant plannedThrough) {

    public SeriesExtendedEvent {
        booked = List.copyOf(booked);
        skipped = List.copyOf(skipped);
    }
}
