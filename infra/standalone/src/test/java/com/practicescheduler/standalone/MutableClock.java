package com.practicescheduler.standalone;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock tests set and move, so rules about "now" are checked at chosen instants. It stands still unless told to
 * run ({@link #runFrom(Instant)}), for what happens on real time (deadlines).
 *
 * <p>There is one, {@link #OF_THE_JVM}, for every application a test starts in this JVM: each application hands its
 * clock to Axon, whose event clock is one per JVM, so applications with clocks of their own would stamp each
 * other's events.
 */
final class MutableClock extends Clock {

    /** The clock of every application started in the test JVM; at real time until a test sets it. */
    static final MutableClock OF_THE_JVM = new MutableClock(Instant.now());

    static {
        OF_THE_JVM.runFrom(Instant.now());
    }

    private volatile Instant now;
    private volatile Runnable whenSet = () -> { };
    /** While running: real time plus this offset; null while standing still. */
    private volatile Duration offset;

    private MutableClock(Instant now) {
        this.now = now;
    }

    /**
     * Runs {@code listener} after each change of time. The deadline poller (db-scheduler) waits on this clock until
     * it has moved a poll interval on; after a jump back it would wait until the clock passed the old time again.
     */
    void whenSet(Runnable listener) {
        whenSet = listener;
    }

    /** Stands still at {@code instant}. */
    void set(Instant instant) {
        offset = null;
        now = instant;
        whenSet.run();
    }

    void advance(Duration duration) {
        set(instant().plus(duration));
    }

    /** Runs at real speed from {@code instant}, from now on. */
    void runFrom(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
        whenSet.run();
    }

    @Override
    public Instant instant() {
        Duration running = offset;
        return running == null ? now : Instant.now().plus(running);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
