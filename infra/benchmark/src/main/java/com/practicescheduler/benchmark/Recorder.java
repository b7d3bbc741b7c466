package com.practicescheduler.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** The counters and latencies of one phase; only what happens while {@link #measuring} counts. */
final class Recorder {

    final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
    final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
    final Latencies lag = new Latencies();
    final AtomicLong bookings = new AtomicLong();
    /** Bookings answered 201 at any time of the phase, its warm-up included. */
    final AtomicLong answeredBookings = new AtomicLong();
    final AtomicLong conflicts = new AtomicLong();
    final AtomicLong cancellations = new AtomicLong();
    final AtomicLong errors = new AtomicLong();
    /** Slots booked in this phase and not probed: what conflicts and cancellations pick from. */
    final List<Slots.Slot> booked = new ArrayList<>();
    final Map<Slots.Slot, String> appointments = new ConcurrentHashMap<>();
    /** One booking in this many is followed by a lag probe. */
    final int probeOneIn;
    volatile boolean measuring;

    Recorder(int probeOneIn) {
        this.probeOneIn = probeOneIn;
    }

    /** An answer of {@code kind}: its time, its status, and an error unless it is {@code expected}. */
    void count(String kind, Http.Answer answer, int expected) {
        if (measuring) {
            time(kind, answer.nanos());
            statuses.computeIfAbsent(kind + " " + answer.status(), k -> new AtomicLong()).incrementAndGet();
            if (answer.status() != expected) {
                errors.incrementAndGet();
            }
        }
    }

    void time(String kind, long nanos) {
        latencies.computeIfAbsent(kind, k -> new Latencies()).record(nanos);
    }

    /** A request that got no answer, counted by what went wrong. */
    void failed(Throwable e) {
        failed("no answer: " + e.getClass().getSimpleName());
    }

    /** An error that is not an answer's status, counted under {@code what}. */
    void failed(String what) {
        errors.incrementAndGet();
        statuses.computeIfAbsent(what, k -> new AtomicLong()).incrementAndGet();
    }

    Phase phase(String name, int clients, String timedFrom, double seconds, Cpu.PerBooking cpu) {
        return phase(name, clients, timedFrom, seconds, cpu, List.of());
    }

    Phase phase(String name, int clients, String timedFrom, double seconds, Cpu.PerBooking cpu,
                List<Cpu.PerBooking> warmup) {
        Map<String, Latencies.Stats> stats = new TreeMap<>();
        latencies.forEach((kind, l) -> stats.put(kind, l.stats()));
        Map<String, Long> counted = new TreeMap<>();
        statuses.forEach((status, n) -> counted.put(status, n.get()));
        return new Phase(name, clients, timedFrom, seconds, bookings.get(), conflicts.get(), cancellations.get(),
                errors.get(), bookings.get() / seconds, stats, lag.stats(), counted, cpu, warmup);
    }
}
