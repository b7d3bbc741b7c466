package com.practicescheduler.api.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Adds an appointment type to a practice's catalogue. */
public record DefineServiceCommand(@TargetAggregateIdentifier String practiceId, String serviceId, String name,
                                   int durationMinutes, int bufferMinutes, Modality modality) {
}
