package com.practicescheduler.platform.axon;

import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;

/** An event's place in the whole event stream, as a streaming processor sees it, for ordering read-model rows. */
public final class EventPositions {

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

    /** The position of the newest event in the store, -1 while there is none. */
    public static long head(EventStore eventStore) {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }
}
