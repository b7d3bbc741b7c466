package com.practicescheduler.command.provider;

import com.practicescheduler.platform.Port;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.inspection.AggregateModel;
import org.axonframework.modelling.command.inspection.AnnotatedAggregateMetaModelFactory;
import org.springframework.stereotype.Component;

/**
 * Reads providers' schedules straight from their event streams, without taking the aggregate's lock, so the
 * waitlist matcher can look for free slots while bookings go on. Folds each stream with the aggregate's own
 * event-sourcing handlers and keeps the result, so a read costs one indexed query for the events since.
 */
@Port("the waitlist matcher reads schedules to find freed time that fits")
@Component
public class ScheduleReader {

    private final EventStore eventStore;
    private final AggregateModel<ProviderSchedule> model;
    private final Map<String, Folded> folded = new ConcurrentHashMap<>();

    /** @param parameters Axon's parameter resolution, which the schedule's command handlers need to be inspected */
    ScheduleReader(EventStore eventStore, ParameterResolverFactory parameters) {
        this.eventStore = eventStore;
        this.model = AnnotatedAggregateMetaModelFactory.inspectAggregate(ProviderSchedule.class, parameters);
    }

    /** The provider's schedule as of its latest event; a provider nobody registered has no practice. */
    public ScheduleView read(String providerId) {
        Folded current = folded.computeIfAbsent(providerId, id -> new Folded(new ProviderSchedule()));
        synchronized (current) {
            DomainEventStream stream = eventStore.readEvents(providerId, current.lastSequence + 1);
            while (stream.hasNext()) {
                DomainEventMessage<?> event = stream.next();
                model.publish(event, current.schedule);
                current.lastSequence = event.getSequenceNumber();
            }
            return current.schedule.view();
        }
    }

    private static final class Folded {

        private final ProviderSchedule schedule;
        private long lastSequence = -1;

        private Folded(ProviderSchedule schedule) {
            this.schedule = schedule;
        }
    }
}
