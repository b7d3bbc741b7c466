package com.practicescheduler.api.practice;

import org.axonframework.serialization.Revision;

/**
 * An appointment type was added to a practice's catalogue.
 *
 * @param bufferMinutes time after the appointment during which the provider cannot be booked
 * @param capacity      seats of one appointment: more than 1 makes it a group service (issue 18). Absent from events
 *                      stored before group services existed; those read as 0, which means 1, so the revision stays
 */
@Revision("1")
public record ServiceDefinedEvent(String practiceId, String serviceId, String name, int durationMinutes,
                                  int bufferMinutes, Modality modality, int capacity) {

    public ServiceDefinedEvent {
        capacity = Math.max(1, capacity);
    }

    /** An ordinary (one-patient) service. */
    public ServiceDefinedEvent(String practiceId, String serviceId, String name, int durationMinutes,
                               int bufferMinutes, Modality modality) {
        this(practiceId, serviceId, name, durationMinutes, bufferMinutes, modality, 1);
    }

    /** Whether appointments of this service are group sessions. */
    public boolean group() {
        return capacity > 1;
    }
}
