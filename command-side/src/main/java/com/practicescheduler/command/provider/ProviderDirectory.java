package com.practicescheduler.command.provider;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.platform.Port;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * What other features may check about a provider without locking its schedule: that it belongs to a practice and
 * offers a service. Both are fixed at registration, so they are read once from the provider's first event.
 */
@Port("waitlist entries and offers name only providers offering the service")
@Component
public class ProviderDirectory {

    private final EventStore eventStore;
    private final Map<String, ProviderRegisteredEvent> registrations = new ConcurrentHashMap<>();

    ProviderDirectory(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /**
     * Refuses with {@code not-found} unless the provider is one of the practice's, and with
     * {@code service-not-offered} unless it offers the service.
     */
    public void requireOffering(String practiceId, String providerId, String serviceId) {
        ProviderRegisteredEvent registration = requireProvider(practiceId, providerId);
        if (!registration.serviceIds().isEmpty() && !registration.serviceIds().contains(serviceId)) {
            throw new Refusal(ErrorCode.SERVICE_NOT_OFFERED, "Provider " + providerId
                    + " does not offer this service");
        }
    }

    /** Refuses with {@code not-found} unless the provider is one of the practice's. */
    public ProviderRegisteredEvent requireProvider(String practiceId, String providerId) {
        ProviderRegisteredEvent registration = providerId == null ? null
                : registrations.computeIfAbsent(providerId, this::registration);
        if (registration == null || !registration.practiceId().equals(practiceId)) {
            throw Refusal.notFound("Provider " + providerId);
        }
        return registration;
    }

    private ProviderRegisteredEvent registration(String providerId) {
        DomainEventStream stream = eventStore.readEvents(providerId, 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof ProviderRegisteredEvent registered) {
            return registered;
        }
        return null;
    }
}
