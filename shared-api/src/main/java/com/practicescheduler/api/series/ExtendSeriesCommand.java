package com.practicescheduler.api.series;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Books the occurrences of an open-ended series that the moving booking horizon now reaches; those that cannot be
 * booked are recorded as skipped. Sent by the system's extension job.
 */
public record ExtendSeriesCommand(@TargetAggregateIdentifier String seriesId, String practiceId) {
}
