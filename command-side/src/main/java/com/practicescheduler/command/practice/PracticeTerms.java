package com.practicescheduler.command.practice;

import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.Port;
import java.time.ZoneId;
import java.util.Map;

/** A practice's settings and services as of its latest event; what other aggregates' rules read. */
@Port("what PracticeDirectory answers")
public record PracticeTerms(String practiceId, PracticeSettings settings, Map<String, ServiceTerms> services) {

    public PracticeTerms {
        services = Map.copyOf(services);
    }

    public ZoneId zone() {
        return ZoneId.of(settings.timeZone());
    }

    /** The service, or a {@code not-found} refusal. */
    public ServiceTerms service(String serviceId) {
        ServiceTerms service = serviceId == null ? null : services.get(serviceId);
        if (service == null) {
            throw Refusal.notFound("Service " + serviceId);
        }
        return service;
    }
}
