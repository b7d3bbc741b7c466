package com.practicescheduler.command.practice;

import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.platform.Port;
import java.time.Duration;

/**
 * What booking needs to know of a service.
 *
 * @param capacity seats of one appointment; more than 1 makes it a group service, booked as group sessions
 */
@Port("what PracticeDirectory answers, per service")
public record ServiceTerms(String serviceId, String name, int durationMinutes, int bufferMinutes,
                           Modality modality, int capacity) {

    /** An ordinary (one-patient) service. */
    public ServiceTerms(String serviceId, String name, int durationMinutes, int bufferMinutes, Modality modality) {
        this(serviceId, name, durationMinutes, bufferMinutes, modality, 1);
    }

    /** Whether its appointments are group sessions with seats. */
    public boolean group() {
        return capacity > 1;
    }

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Duration buffer() {
        return Duration.ofMinutes(bufferMinutes);
    }
}
