package com.practicescheduler.api.series;

import java.util.List;

/**
 * A series as a command left it: the answer to booking and cancelling.
 *
 * @param timeZone the practice's zone, in which clients see the times
 */
public record SeriesSummary(String seriesId, SeriesStatus status, List<SeriesAppointment> appointments,
                            List<SkippedOccurrence> skipped, String timeZone) {
}
