package com.practicescheduler.command.practice;

import com.practicescheduler.api.practice.PracticeConfiguredEvent;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.practice.ServiceDefinedEvent;
import com.practicescheduler.command.common.StreamHeads;
import com.practicescheduler.platform.Port;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a practice's terms straight from its event stream — never from a read model — without locking the
 * {@link Practice} aggregate, so bookings with different providers do not queue behind one another. Keeps the
 * folded state per practice and reads only the events appended since: a lookup checks the stream's last sequence
 * number ({@link StreamHeads}) and reads events only when there are new ones. A command that trusts what is cached
 * (a booking: {@link StreamHeads#trustCached()}) skips that check; its append and its refusals check it instead.
 */
@Port("every rule that depends on the practice's settings and services reads them here")
@Component
public class PracticeDirectory {

    private final EventStore eventStore;
    private final StreamHeads heads;
    private final Map<String, Folded> folded = new ConcurrentHashMap<>();

    PracticeDirectory(EventStore eventStore, StreamHeads heads) {
        this.eventStore = eventStore;
        this.heads = heads;
    }

    public PracticeTerms terms(String practiceId) {
        Folded cached = folded.get(practiceId);
        if (cached != null && heads.trusted(practiceId, cached.lastSequence, () -> folded.remove(practiceId, cached))) {
            return cached.terms;
        }
        Folded current = cached == null ? Folded.initial(practiceId) : cached;
        if (heads.lastSequence(practiceId).orElse(-1L) <= current.lastSequence) {
            return current.terms;
        }
        DomainEventStream stream = eventStore.readEvents(practiceId, current.lastSequence + 1);
        if (!stream.hasNext()) {
            return current.terms;
        }
        PracticeSettings settings = current.terms.settings();
        Map<String, ServiceTerms> services = new HashMap<>(current.terms.services());
        long lastSequence = current.lastSequence;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            lastSequence = event.getSequenceNumber();
            if (event.getPayload() instanceof PracticeConfiguredEvent configured) {
                settings = configured.settings();
            } else if (event.getPayload() instanceof ServiceDefinedEvent service) {
                services.put(service.serviceId(), new ServiceTerms(service.serviceId(), service.name(),
                        service.durationMinutes(), service.bufferMinutes(), service.modality(), service.capacity()));
            }
        }
        Folded next = new Folded(new PracticeTerms(practiceId, settings, services), lastSequence);
        folded.merge(practiceId, next, (a, b) -> a.lastSequence >= b.lastSequence ? a : b);
        return next.terms;
    }

    private record Folded(PracticeTerms terms, long lastSequence) {

        static Folded initial(String practiceId) {
            return new Folded(new PracticeTerms(practiceId, PracticeSettings.defaults(), Map.of()), -1);
        }
    }
}
