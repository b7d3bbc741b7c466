package com.practicescheduler.command.provider;

import com.practicescheduler.command.common.HeldStateSnapshotter;
import com.practicescheduler.platform.DaemonThreads;
import com.practicescheduler.platform.axon.LingeringEventSource;
import java.time.Duration;
import java.util.concurrent.Executors;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
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
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;

/**
 * A provider's schedule is snapshotted once loading it has read more than
 * {@code practice-scheduler.snapshots.provider-schedule-every} events (default 100), so a booking loads the
 * snapshot and the events since instead of every booking the provider ever had. Snapshots of another revision
 * than the aggregate's are ignored, and the stream is read from the start (ADR 8). What no command loads — an
 * imported history, every stream after a revision change — is snapshotted in the background
 * ({@link BackgroundSnapshots}).
 *
 * <p>A snapshot is stored by a thread of its own, after the command that triggered it has committed, not by that
 * command's thread: Axon's default takes it in the committing thread, before the answer goes out, so one booking
 * in every hundred waited for its provider's whole schedule to be read back and serialized (the bookings' p99).
 * It is taken from the schedule that command holds ({@link HeldStateSnapshotter}), not read back from the store:
 * a copy of its maps on the command's thread, the serialization on the snapshots' own.
 */
@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
class ProviderScheduleSnapshots {

    static final String TRIGGER = "providerScheduleSnapshotTrigger";
    static final String FILTER = "providerScheduleSnapshotFilter";
    static final String REVISION = "1";
    /** The type the schedule's events and snapshots are stored with: the aggregate's simple class name. */
    static final String TYPE = ProviderSchedule.class.getSimpleName();
    /**
     * The background snapshots' processor. Its name carries the revision, so a new revision is a processor without a
     * token, which starts from the first event and snapshots every long stream again in the new revision.
     */
    static final String BACKGROUND = "provider-schedule-snapshots-r" + REVISION;

    /**
     * Every {@code every} events the schedule is snapshotted from the state the command that made it due holds
     * ({@link HeldStateSnapshotter}); what that cannot serve goes to Axon's snapshotter.
     */
    @Bean(TRIGGER)
    SnapshotTriggerDefinition providerScheduleSnapshotTrigger(
            Snapshotter snapshotter, EventStore eventStore, TransactionManager transactionManager,
            BackgroundSnapshots backgroundSnapshots,
            @Value("${practice-scheduler.snapshots.provider-schedule-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(new HeldStateSnapshotter<>(ProviderSchedule.class,
                ProviderSchedule::snapshotCopy, snapshotter, eventStore, transactionManager,
                Executors.newSingleThreadExecutor(DaemonThreads.named("schedule-snapshots")), backgroundSnapshots::snapshotted),
                every);
    }

    /** Axon's snapshotter (as its auto-configuration builds it), taking snapshots on a thread of its own. */
    @Bean
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration,
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
                .executor(Executors.newSingleThreadExecutor(DaemonThreads.named("snapshots")))
                .build();
    }

    @Bean(FILTER)
    SnapshotFilter providerScheduleSnapshotFilter() {
        // by the stored type: given the class, the filter compared its full name with "ProviderSchedule", matched no
        // snapshot and let every revision through
        return RevisionSnapshotFilter.builder().type(TYPE).revision(REVISION).build();
    }

    /**
     * Tracking, one segment, from the first event: as a replay up to the head at its first start, so that reading a
     * long history does not count as falling behind (the health of the processors).
     */
    @Autowired
    void configureBackgroundSnapshots(EventProcessingConfigurer processing,
                                      @Value(LingeringEventSource.LINGER) Duration linger) {
        processing.registerTrackingEventProcessor(BACKGROUND,
                configuration -> new LingeringEventSource(configuration.eventStore(), linger),
                configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialSegmentsCount(1)
                        .andBatchSize(500)
                        .andInitialTrackingToken(source -> ReplayToken.createReplayToken(
                                source.createHeadToken(), source.createTailToken())));
    }
}
