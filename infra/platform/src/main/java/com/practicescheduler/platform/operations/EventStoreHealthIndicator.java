package com.practicescheduler.platform.operations;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.stereotype.Component;

/**
 * Whether the event store answers: the JDBC store in PostgreSQL, or Axon Server when configured. Part of the
 * readiness group, so an instance that cannot reach its events takes no traffic.
 */
@Component("eventStoreHealthIndicator") // health key "eventStore"; the bean name "eventStore" is Axon Server's store
class EventStoreHealthIndicator extends AbstractHealthIndicator {

    private final EventStore eventStore;

    EventStoreHealthIndicator(EventStore eventStore) {
        super("The event store cannot be reached");
        this.eventStore = eventStore;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        eventStore.createHeadToken();
        builder.up();
    }
}
