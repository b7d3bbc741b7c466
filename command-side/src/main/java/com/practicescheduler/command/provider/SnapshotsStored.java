package com.practicescheduler.command.provider;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The newest snapshot of each provider's schedule that this process stored from a command's state
 * ({@link com.practicescheduler.command.common.HeldStateSnapshotter}), by sequence number, so that
 * {@link BackgroundSnapshots} counts a schedule's events from there. In memory and of this process only: another
 * process's snapshots are not known here, which only means a background snapshot more.
 */
final class SnapshotsStored {

    private final Map<String, Long> newest = new ConcurrentHashMap<>();

    void stored(String scheduleId, long sequence) {
        newest.merge(scheduleId, sequence, Math::max);
    }

    /** The sequence number of the newest snapshot stored here of the schedule, or -1. */
    long newest(String scheduleId) {
        return newest.getOrDefault(scheduleId, -1L);
    }
}
