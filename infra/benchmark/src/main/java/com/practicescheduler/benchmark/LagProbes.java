package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.OffsetDateTime;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Projection lag of sampled bookings: from the 201 until the booking is in the provider's calendar and out of
 * availability. Four probes at most run at once, so their reads stay a small part of the load.
 */
final class LagProbes {

    private final ExecutorService pool = Executors.newFixedThreadPool(4);
    private final Requests requests;
    private final Recorder recorder;

    LagProbes(Requests requests, Recorder recorder) {
        this.requests = requests;
        this.recorder = recorder;
    }

    /**
     * Probes a booking answered at {@code answeredAt}; {@code counted}: its lag and failures count (a booking of the
     * measured window), else it only makes the load (a warm-up's).
     */
    void probe(Slots.Slot slot, String appointmentId, long answeredAt, boolean counted) {
        pool.submit(() -> {
            try {
                measure(slot, appointmentId, answeredAt, counted);
            } catch (RuntimeException e) {
                if (counted) {
                    recorder.failed("lag probe: its read got no answer (" + e.getClass().getSimpleName() + ")");
                }
            }
        });
    }

    /** Waits for the probes sent so far; no more can be sent. */
    void await() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("lag probes did not finish");
        }
    }

    /**
     * To the sending of the first pair of reads that saw both (0 when the first pair did). Reads run back to back,
     * so the resolution is one read's time.
     */
    private void measure(Slots.Slot slot, String appointmentId, long answeredAt, boolean counted) {
        long deadline = answeredAt + 10_000_000_000L;
        boolean inCalendar = false;
        boolean outOfAvailability = false;
        while (System.nanoTime() < deadline) {
            long probedAt = System.nanoTime();
            if (!inCalendar) {
                inCalendar = requests.calendar(slot.providerId(), slot.day(), slot.day()).body()
                        .contains(appointmentId);
            }
            if (inCalendar && !outOfAvailability) {
                JsonNode free = requests.bookedServiceAvailability(slot.day(), slot.providerId()).json()
                        .path("slots");
                outOfAvailability = true;
                for (JsonNode one : free) {
                    if (OffsetDateTime.parse(one.path("start").asText()).toInstant()
                            .equals(slot.start().toInstant())) {
                        outOfAvailability = false;
                    }
                }
            }
            if (inCalendar && outOfAvailability) {
                if (counted) {
                    recorder.lag.record(Math.max(0, probedAt - answeredAt));
                }
                return;
            }
        }
        if (counted) {
            recorder.failed("lag probe: not visible within 10 s");
        }
    }
}
