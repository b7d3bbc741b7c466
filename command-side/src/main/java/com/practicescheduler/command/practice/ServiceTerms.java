package com.practicescheduler.command.practice;

import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.platform.Port;
import java.time.Duration;

/** What booking needs to know of a service. */
@Port("what PracticeDirectory answers, per service")
public record ServiceTerms(String serviceId, String name, int durationMinutes, int bufferMinutes,
                           Modality modality) {

    public Duration duration() {
        return Duration.ofMinutes(durationMinutes);
    }

    public Duration buffer() {
        return Duration.ofMinutes(bufferMinutes);
    }
}
