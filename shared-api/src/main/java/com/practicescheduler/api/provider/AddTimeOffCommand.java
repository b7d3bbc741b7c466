package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Blocks [start, end) of a provider's time; refused over booked appointments. */
public record AddTimeOffCommand(@TargetAggregateIdentifier String providerId, String practiceId, String timeOffId,
                                Instant start, Instant end, String reason) {
}
