package com.practicescheduler.api.practice;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Adds an appointment type to a practice's catalogue.
 *
 * @param capacity how many patients one appointment of it takes: 1 for an ordinary service, more for a group
 *                 service, whose appointments are group sessions with that many seats
 */
public record DefineServiceCommand(@TargetAggregateIdentifier String practiceId, String serviceId, String name,
                                   int durationMinutes, int bufferMinutes, Modality modality, int capacity) {

    /** An ordinary (one-patient) service. */
    public DefineServiceCommand(String practiceId, String serviceId, String name, int durationMinutes,
                                int bufferMinutes, Modality modality) {
        this(practiceId, serviceId, name, durationMinutes, bufferMinutes, modality, 1);
    }
}
