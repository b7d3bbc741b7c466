package com.practicescheduler.command.provider;

import java.util.concurrent.Executors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A provider's schedule is snapshotted once loading it has read more than
 * {@code practice-scheduler.snapshots.provider-schedule-every} events (default 100), so a booking loads the
 * snapshot and the events since instead of every booking the provider ever had. Snapshots of another revision
 * than the aggregate's are ignored, and the stream is read from the start (ADR 8).
 *
 * <p>A snapshot is taken by a thread of its own, after the command that triggered it has committed, not by that
 * command's thread: Axon's default takes it in the committing thread, before the answer goes out, so one booking
 * in every hundred waited for its provider's whole schedule to be read back and serialized (the bookings' p99).
 */
@Configuration(proxyBeanMethods = false)
class ProviderScheduleSnapshots {

    static final String TRIGGER = "providerScheduleSnapshotTrigger";
    static final String FILTER = "providerScheduleSnapshotFilter";
    static final String REVISION = "1";

    @Bean(TRIGGER)
    SnapshotTriggerDefinition providerScheduleSnapshotTrigger(
            Snapshotter snapshotter, @Value("${practice-scheduler.snapshots.provider-schedule-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    /** Axon's snapshotter (as its auto-configuration builds it), taking snapshots on a thread of its own. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(org.axonframework.config.Configuration configuration,
                                                    HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(Executors.newSingleThreadExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "snapshots");
                    thread.setDaemon(true);
                    return thread;
                }))
                .build();
    }

    @Bean(FILTER)
    SnapshotFilter providerScheduleSnapshotFilter() {
        return RevisionSnapshotFilter.builder().type(ProviderSchedule.class).revision(REVISION).build();
    }
}
