package com.practicescheduler.api.provider;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a bookable provider; an empty {@code serviceIds} means the provider offers every service. */
public record RegisterProviderCommand(@TargetAggregateIdentifier String providerId, String practiceId,
                                      String displayName, List<String> serviceIds) {
}
