package com.practicescheduler.api.series;

import com.practicescheduler.api.appointment.CancellationReason;
import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Cancels every still-booked occurrence starting on or after {@code from} (a local date; null: every future one),
 * each by the late-cancel rule of its own start, and ends the series.
 */
public record CancelSeriesCommand(@TargetAggregateIdentifier String seriesId, String practiceId,
                                  CancellationReason reason, LocalDate from) {
}
