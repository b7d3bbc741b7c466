package com.practicescheduler.api.provider;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Removes a provider's time off. */
public record RemoveTimeOffCommand(@TargetAggregateIdentifier String providerId, String practiceId,
                                   String timeOffId) {
}
