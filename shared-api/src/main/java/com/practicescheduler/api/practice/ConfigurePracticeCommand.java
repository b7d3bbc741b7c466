package com.practicescheduler.api.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a practice's settings; creates the practice on first use. */
public record ConfigurePracticeCommand(@TargetAggregateIdentifier String practiceId, PracticeSettings settings) {
}
