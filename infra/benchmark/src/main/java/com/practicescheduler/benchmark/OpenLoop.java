package com.practicescheduler.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Bookings at a fixed rate, open loop: booking i is due at start + i / rate whatever became of the ones before it,
 * and its latency counts from that intended start to its answer. A booking sent late (this machine's scheduler
 * busy) or answered late because it queued behind slow ones counts its whole wait, so the percentiles are not
 * flattered by coordinated omission. Bookings are sent asynchronously (the JDK's HttpClient opens a connection for
 * each concurrent request), so no pool of client threads limits them; how late each was sent is recorded beside
 * ({@link #LATE_SEND}), and the most in flight at once is the phase's {@code clients}.
 */
final class OpenLoop {

    static final String LATE_SEND = "client: sent after its intended start";
    static final String NO_ANSWER = "book, no answer (until the client gave up)";

    private OpenLoop() {
    }

    /** Bookings only at {@code perSecond} for {@code seconds}; one 201 in five probed for lag. */
    static Phase paced(Load load, double perSecond, int seconds) throws InterruptedException {
        Recorder recorder = new Recorder(5);
        LagProbes probes = new LagProbes(load.requests(), recorder);
        recorder.measuring = true;
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        List<CompletableFuture<Void>> answered = new ArrayList<>();
        long period = Math.max(1, Math.round(1e9 / perSecond));
        long started = System.nanoTime();
        long end = started + seconds * 1_000_000_000L;
        for (long next = started; next < end; next += period) {
            long due = next;
            waitUntil(due);
            recorder.time(LATE_SEND, System.nanoTime() - due);
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            answered.add(load.bookAsync(load.slots().fresh(), due, recorder, probes).handle((ok, failure) -> {
                inFlight.decrementAndGet();
                if (failure != null) {
                    // timed too, apart: leaving them out would flatter the answered ones' percentiles
                    recorder.time(NO_ANSWER, System.nanoTime() - due);
                    recorder.failed(failure instanceof CompletionException ? failure.getCause() : failure);
                }
                return null;
            }));
        }
        try {
            CompletableFuture.allOf(answered.toArray(CompletableFuture[]::new)).get(2, TimeUnit.MINUTES);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("paced bookings did not all finish", e);
        }
        probes.await();
        return recorder.phase(String.format(Locale.ROOT, "paced at %.1f/s", perSecond), mostInFlight.get(),
                Phase.FROM_INTENDED_START, seconds, null);
    }

    private static void waitUntil(long due) {
        for (long left = due - System.nanoTime(); left > 0; left = due - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }
}
