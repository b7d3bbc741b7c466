package com.practicescheduler.api.provider;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a provider's weekly working-hours template. Existing appointments stay. */
public record SetWorkingHoursCommand(@TargetAggregateIdentifier String providerId, String practiceId,
                                     List<WeeklyInterval> weekly) {
}
