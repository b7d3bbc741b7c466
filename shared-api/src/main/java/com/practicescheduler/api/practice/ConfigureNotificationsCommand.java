package com.practicescheduler.api.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces what a practice sends its patients; creates the practice on first use. */
public record ConfigureNotificationsCommand(@TargetAggregateIdentifier String practiceId,
                                            NotificationSettings settings) {
}
