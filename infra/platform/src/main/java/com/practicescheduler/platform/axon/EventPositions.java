package com.practicescheduler.platform.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** An event's place in the whole event stream, as a streaming processor sees it, for ordering read-model rows. */
public final class EventPositions {

    /** The highest global index this thread appended since it last asked to forget ({@link #forgetAppended()}). */
    private static final ThreadLocal<long[]> APPENDED = ThreadLocal.withInitial(() -> new long[] {-1});

    private EventPositions() {
    }

    /**
     * The global position of the event being handled: the JDBC store's global index or Axon Server's token alike,
     * so every processor and every rebuild sees the same number. Null when the event came without a position.
     */
    public static Long of(TrackingToken token) {
        if (token == null) {
            return null;
        }
        return token.position().isPresent() ? token.position().getAsLong() : null;
    }

    /** Forgets what this thread appended so far: called before it sends a command whose events it will wait for. */
    public static void forgetAppended() {
        APPENDED.get()[0] = -1;
    }

    /**
     * The highest global index of the events this thread appended since {@link #forgetAppended()}, or -1: known
     * with the JDBC event store, where a command's unit of work appends in the thread that sent it
     * ({@link PositionRecordingAppend}); never with Axon Server, where the caller asks for the head instead.
     */
    public static long appendedInThisThread() {
        return APPENDED.get()[0];
    }

    static void appended(long position) {
        long[] highest = APPENDED.get();
        highest[0] = Math.max(highest[0], position);
    }

    /** The position of the newest event in the store, -1 while there is none. */
    public static long head(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
