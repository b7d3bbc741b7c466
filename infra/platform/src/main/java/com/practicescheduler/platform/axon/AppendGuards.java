package com.practicescheduler.platform.axon;

import java.util.ArrayList;
import java.util.List;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;

/**
 * Streams a command decided on without reading their heads first, which its append on the JDBC event store checks in
 * the same statement ({@link PositionRecordingAppend}): the events are stored only if none of those streams has gained
 * an event past the sequence number the command saw. Otherwise nothing is stored, every guard's {@code whenMoved}
 * runs (to drop what was cached) and the append fails as a lost race (SQLState 23505, so Axon reports a
 * {@code ConcurrencyException}), which the command's sender retries on fresh state.
 *
 * <p>Guards belong to the current unit of work and are checked by its first append only. Only the JDBC event store
 * checks them, never Axon Server's: only a command side on the JDBC store may register any.
 */
public final class AppendGuards {

    private static final String KEY = AppendGuards.class.getName();

    private AppendGuards() {
    }

    /** One stream that must still end at {@code lastSequence} (-1: hold no event) when the command's events go in. */
    public record Guard(String streamId, long lastSequence, Runnable whenMoved) {
    }

    /** Requires, for the current unit of work's append, that {@code streamId} still ends at {@code lastSequence}. */
    public static void require(String streamId, long lastSequence, Runnable whenMoved) {
        CurrentUnitOfWork.get().root().<List<Guard>>getOrComputeResource(KEY, key -> new ArrayList<>())
                .add(new Guard(streamId, lastSequence, whenMoved));
    }

    /** The current unit of work's guards that no append has checked yet; empty outside one. */
    public static List<Guard> current() {
        if (!CurrentUnitOfWork.isStarted()) {
            return List.of();
        }
        List<Guard> guards = CurrentUnitOfWork.get().root().getResource(KEY);
        return guards == null ? List.of() : List.copyOf(guards);
    }

    /** The current unit of work's guards, which no later append of it checks again; empty outside one. */
    static List<Guard> take() {
        List<Guard> guards = current();
        if (!guards.isEmpty()) {
            CurrentUnitOfWork.get().root().resources().remove(KEY);
        }
        return guards;
    }
}
