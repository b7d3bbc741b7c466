package com.practicescheduler.command.provider;

import com.practicescheduler.command.common.AggregateCache;
import com.practicescheduler.command.common.CheckedCachingRepository;
import com.practicescheduler.command.common.StreamHeads;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every booking, reschedule, cancellation and hold loads a provider's schedule; without a cache each load
 * deserialized the snapshot and the events since (44 % of request threads' CPU in the bookings-only benchmark). The
 * schedules stay in memory between commands, up to {@code practice-scheduler.aggregate-cache.provider-schedules}
 * (default 2,000), and are checked against the event store before each use ({@link CheckedCachingRepository}).
 */
@Configuration(proxyBeanMethods = false)
class ProviderScheduleCaching {

    static final String REPOSITORY = "providerScheduleRepository";

    @Bean(REPOSITORY)
    Repository<ProviderSchedule> providerScheduleRepository(
            EventStore eventStore, StreamHeads heads, ParameterResolverFactory parameters, HandlerDefinition handlers,
            @Qualifier(ProviderScheduleSnapshots.TRIGGER) SnapshotTriggerDefinition snapshots,
            @Value("${practice-scheduler.aggregate-cache.provider-schedules:2000}") long entries) {
        return CheckedCachingRepository.of(EventSourcingRepository.builder(ProviderSchedule.class)
                .parameterResolverFactory(parameters)
                .handlerDefinition(handlers), new AggregateCache(entries), eventStore, heads, snapshots);
    }
}
