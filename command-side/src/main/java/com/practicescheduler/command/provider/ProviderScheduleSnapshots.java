package com.practicescheduler.command.provider;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.snapshotting.RevisionSnapshotFilter;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A provider's schedule is snapshotted once loading it has read more than
 * {@code practice-scheduler.snapshots.provider-schedule-every} events (default 100), so a booking loads the
 * snapshot and the events since instead of every booking the provider ever had. Snapshots of another revision
 * than the aggregate's are ignored, and the stream is read from the start (ADR 8).
 */
@Configuration(proxyBeanMethods = false)
class ProviderScheduleSnapshots {

    static final String TRIGGER = "providerScheduleSnapshotTrigger";
    static final String FILTER = "providerScheduleSnapshotFilter";
    static final String REVISION = "1";
    /** The type the schedule's events and snapshots are stored with: the aggregate's simple class name. */
    static final String TYPE = ProviderSchedule.class.getSimpleName();

    @Bean(TRIGGER)
    SnapshotTriggerDefinition providerScheduleSnapshotTrigger(
            Snapshotter snapshotter, @Value("${practice-scheduler.snapshots.provider-schedule-every:100}") int every) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, every);
    }

    @Bean(FILTER)
    SnapshotFilter providerScheduleSnapshotFilter() {
        // by the stored type: given the class, the filter compared its full name with "ProviderSchedule", matched no
        // snapshot and let every revision through
        return RevisionSnapshotFilter.builder().type(TYPE).revision(REVISION).build();
    }
}
