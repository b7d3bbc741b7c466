package com.practicescheduler.command.provider;

import com.practicescheduler.platform.DaemonThreads;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Snapshots of schedules whose events came without commands — a bulk import, or every stream after a change of the
 * snapshot revision — taken in the background, so that no user's first booking loads a whole stream (15.7 s at
 * 50,000 events). The aggregate's own trigger snapshots only what a command loads (ADR 8).
 *
 * <p>Its processor ({@link ProviderScheduleSnapshots#BACKGROUND}, one segment: one owner among any number of
 * command-side processes) reads every event and counts, per schedule, those after the last one it had snapshotted;
 * at {@code practice-scheduler.snapshots.provider-schedule-background-every} (default 1,000) it has Axon's
 * snapshotter — the one the trigger uses — snapshot the schedule on a thread of its own: from the newest snapshot of
 * this revision, or the whole stream, to the stream's end. Payloads are never deserialized here, and a stream being
 * read holds no lock: commands for every provider go on meanwhile. Live, the trigger snapshots every 100 events; a
 * snapshot it stored in this process counts as one taken here ({@link #snapshotted}), so a schedule whose commands
 * run here is not snapshotted again in the background. (Until 2026-12-06 it was, once per 1,000 events:
 * Axon's snapshotter reading the newest snapshot back and deserializing it, about 1 % of the machine's CPU in the
 * bookings-only benchmark.) Commands that run in another command-side process leave snapshots this one does not
 * know of; their schedules are snapshotted here as before.
 *
 * <p>The counts live in memory: a restart only counts again from the next event seen.
 */
@Component
@ProcessingGroup(ProviderScheduleSnapshots.BACKGROUND)
class BackgroundSnapshots {

    private static final Logger log = LoggerFactory.getLogger(BackgroundSnapshots.class);

    private final Snapshotter snapshotter;
    private final EventStore eventStore;
    private final long every;
    /**
     * Per schedule: the last sequence number of its stream when it was last snapshotted here or by a command of this
     * process, or first seen.
     */
    private final Map<String, Long> counted = new ConcurrentHashMap<>();
    /** Schedules waiting for, or in, a snapshot here. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private final ExecutorService worker =
            Executors.newSingleThreadExecutor(DaemonThreads.named("provider-schedule-snapshots"));

    BackgroundSnapshots(Snapshotter snapshotter, EventStore eventStore,
                        @Value("${practice-scheduler.snapshots.provider-schedule-background-every:1000}") long every) {
        this.snapshotter = snapshotter;
        this.eventStore = eventStore;
        this.every = every;
    }

    @EventHandler
    void on(DomainEventMessage<?> event) {
        if (!ProviderScheduleSnapshots.TYPE.equals(event.getType())) {
            return;
        }
        String scheduleId = event.getAggregateIdentifier();
        long sequence = event.getSequenceNumber();
        long from = counted.computeIfAbsent(scheduleId, id -> sequence - 1);
        if (sequence - from >= every && queued.add(scheduleId)) {
            try {
                worker.execute(() -> snapshot(scheduleId));
            } catch (RejectedExecutionException shuttingDown) {
                queued.remove(scheduleId);
            }
        }
    }

    private void snapshot(String scheduleId) {
        try {
            long last = eventStore.lastSequenceNumberFor(scheduleId).orElse(-1L);
            // a snapshot that fails is logged by the snapshotter; it is tried again after as many events more
            snapshotter.scheduleSnapshot(ProviderSchedule.class, scheduleId);
            snapshotted(scheduleId, last);
        } catch (RuntimeException e) {
            log.warn("A background snapshot of provider schedule {} failed: {}", scheduleId, e.toString());
        } finally {
            queued.remove(scheduleId);
        }
    }

    /** A snapshot of the schedule at {@code sequence} was stored in this process: count its events from there. */
    void snapshotted(String scheduleId, long sequence) {
        counted.merge(scheduleId, sequence, Math::max);
    }

    @ResetHandler
    void reset() {
        counted.clear();
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }
}
