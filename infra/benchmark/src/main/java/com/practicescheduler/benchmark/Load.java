package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load over HTTP as staff apps make it, in closed loops: each client sends its next request when its last one
 * answered, so latencies are timed from the sending. Bookings go to slots no one else books ({@link Slots}),
 * except the deliberate conflicts, which book a slot already taken and must answer 409. The open loop at a fixed
 * rate is {@link OpenLoop}.
 */
final class Load {

    /** Seconds of each window of a measured phase's warm-up. */
    static final int WARMUP_WINDOW_SECONDS = 10;

    /** Unexpected answers to fresh bookings logged in full; the rest are only counted. */
    private static final int MOST_UNEXPECTED_LOGGED = 10;

    private final Requests requests;
    private final Slots slots;
    private final AtomicLong unexpected = new AtomicLong();

    Load(Http http, Practice practice) {
        this.requests = new Requests(http, practice);
        this.slots = new Slots(practice);
    }

    Requests requests() {
        return requests;
    }

    Slots slots() {
        return slots;
    }

    /**
     * One booking per provider, one at a time, after the bulk history write, which no command loaded: each of these
     * loads the provider's newest snapshot and the events after it (the application snapshots such histories in the
     * background; before it did, the whole stream), as the first booking after an import or a change of the
     * snapshot revision would; the closed loops that follow then measure the steady state.
     */
    Phase firstBookingPerProvider() throws InterruptedException {
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        LagProbes probes = new LagProbes(requests, recorder);
        recorder.measuring = true;
        long started = System.nanoTime();
        for (int i = 0; i < requests.practice().providerIds().size(); i++) {
            try {
                book(slots.fresh(), recorder, probes); // fresh slots go round the providers
            } catch (RuntimeException e) {
                recorder.failed(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        probes.await();
        return recorder.phase("first booking per provider", 1, Phase.FROM_SEND, seconds, null);
    }

    /** One request of a closed loop, chosen by a roll of 0–99. */
    private interface Step {
        void run(int dice, Random random, Recorder recorder, LagProbes probes);
    }

    /**
     * The write path alone: {@code clients} clients in a closed loop, {@code warmup} then {@code measure} seconds,
     * booking free slots, one in ten of them a deliberate conflict. Lag is probed on one booking in twenty, so the
     * probes' reads stay a small part of the load. {@code cpu} measures the measured window (null: not measured).
     */
    Phase bookings(int clients, int warmup, int measure, Cpu cpu) throws InterruptedException {
        return closedLoop("bookings", clients, warmup, measure, 20, cpu, (dice, random, recorder, probes) -> {
            if (dice < 90) {
                book(slots.fresh(), recorder, probes);
            } else {
                conflict(recorder);
            }
        });
    }

    /**
     * As staff apps use it: {@code clients} clients in a closed loop, {@code warmup} then {@code measure} seconds:
     * half bookings (one in ten of them a deliberate conflict), a tenth cancellations, the rest calendar and
     * availability queries. Lag is probed on one booking in five.
     */
    Phase mixed(int clients, int warmup, int measure) throws InterruptedException {
        return closedLoop("mixed", clients, warmup, measure, 5, null, (dice, random, recorder, probes) -> {
            if (dice < 45) {
                book(slots.fresh(), recorder, probes);
            } else if (dice < 50) {
                conflict(recorder);
            } else if (dice < 60) {
                cancel(recorder);
            } else if (dice < 80) {
                calendarOfAWeek(recorder, random);
            } else {
                availability(recorder, random);
            }
        });
    }

    private Phase closedLoop(String name, int clients, int warmup, int measure, int probeOneIn, Cpu cpu, Step step)
            throws InterruptedException {
        Recorder recorder = new Recorder(probeOneIn);
        LagProbes probes = new LagProbes(requests, recorder);
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                Random random = ThreadLocalRandom.current();
                while (running.get()) {
                    try {
                        step.run(random.nextInt(100), random, recorder, probes);
                    } catch (RuntimeException e) {
                        if (recorder.measuring) {
                            recorder.failed(e);
                        }
                    }
                }
            }, name + "-" + c);
            thread.start();
            threads.add(thread);
        }
        List<Cpu.PerBooking> windows = warmUp(name, warmup, cpu, recorder);
        Cpu.Sample before = cpu == null ? null : cpu.sample();
        recorder.measuring = true;
        long started = System.nanoTime();
        Thread.sleep(measure * 1000L);
        recorder.measuring = false;
        double seconds = (System.nanoTime() - started) / 1e9;
        Cpu.PerBooking used = cpu == null ? null : cpu.perBooking(before, cpu.sample(), recorder.bookings.get());
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        probes.await();
        return recorder.phase(name, clients, Phase.FROM_SEND, seconds, used, windows);
    }

    /**
     * The warm-up: {@code seconds} of load unmeasured. With {@code cpu}, in windows of
     * {@value #WARMUP_WINDOW_SECONDS} s, each with its bookings and CPU per booking, logged as it ends.
     */
    private static List<Cpu.PerBooking> warmUp(String name, int seconds, Cpu cpu, Recorder recorder)
            throws InterruptedException {
        if (cpu == null) {
            Thread.sleep(seconds * 1000L);
            return List.of();
        }
        List<Cpu.PerBooking> windows = new ArrayList<>();
        for (int from = 0; from < seconds; from += WARMUP_WINDOW_SECONDS) {
            int to = Math.min(seconds, from + WARMUP_WINDOW_SECONDS);
            long answered = recorder.answeredBookings.get();
            Cpu.Sample before = cpu.sample();
            Thread.sleep((to - from) * 1000L);
            Cpu.PerBooking window = cpu.perBooking(before, cpu.sample(),
                    recorder.answeredBookings.get() - answered);
            windows.add(window);
            Benchmark.log("%s, warm-up %d-%d s: %.1f bookings/s, CPU per booking: application %s, PostgreSQL %s, "
                    + "machine %s ms", name, from, to, window.bookings() / window.seconds(),
                    window.applicationMs(), window.postgresMs(), window.machineMs());
        }
        return windows;
    }

    private void book(Slots.Slot slot, Recorder recorder, LagProbes probes) {
        booked(slot, requests.book(slot), recorder, probes);
    }

    /** A booking sent without waiting for its answer, timed from {@code intendedStart} (System.nanoTime()). */
    CompletableFuture<Void> bookAsync(Slots.Slot slot, long intendedStart, Recorder recorder, LagProbes probes) {
        return requests.bookAsync(slot, intendedStart).thenAccept(answer -> booked(slot, answer, recorder, probes));
    }

    /** Counts a booking's answer; one 201 in {@code probeOneIn} is probed for lag, the others may be cancelled. */
    private void booked(Slots.Slot slot, Http.Answer answer, Recorder recorder, LagProbes probes) {
        long answeredAt = System.nanoTime();
        recorder.count("book", answer, 201);
        if (answer.status() != 201 && unexpected.getAndIncrement() < MOST_UNEXPECTED_LOGGED) {
            // a slot no one else was handed out: any refusal is a finding, so say which slot and why
            Benchmark.log("booking of %s at %s (a slot no one else booked) answered %d: %s", slot.providerId(),
                    slot.start(), answer.status(), answer.body());
        }
        if (answer.status() == 201) {
            recorder.answeredBookings.incrementAndGet();
            String id = answer.json().path("id").asText();
            // probed in the warm-up too (counted only when measured), so that the warm-up is the measured load
            boolean probed = ThreadLocalRandom.current().nextInt(recorder.probeOneIn) == 0;
            if (recorder.measuring) {
                recorder.bookings.incrementAndGet();
            }
            if (probed) {
                // never cancelled: the probe waits for it to leave availability
                probes.probe(slot, id, answeredAt, recorder.measuring);
            } else {
                recorder.appointments.put(slot, id); // before it can be picked for cancelling
                synchronized (recorder.booked) {
                    recorder.booked.add(slot);
                }
            }
        }
    }

    private void conflict(Recorder recorder) {
        Slots.Slot taken;
        synchronized (recorder.booked) {
            if (recorder.booked.isEmpty()) {
                return;
            }
            taken = recorder.booked.get(ThreadLocalRandom.current().nextInt(recorder.booked.size()));
        }
        Http.Answer answer = requests.book(taken);
        recorder.count("conflict", answer, 409);
        if (recorder.measuring && answer.status() == 409) {
            recorder.conflicts.incrementAndGet();
        }
    }

    private void cancel(Recorder recorder) {
        Slots.Slot slot;
        synchronized (recorder.booked) {
            if (recorder.booked.isEmpty()) {
                return;
            }
            slot = recorder.booked.remove(recorder.booked.size() - 1);
        }
        Http.Answer answer = requests.cancel(recorder.appointments.remove(slot));
        recorder.count("cancel", answer, 200);
        if (recorder.measuring && answer.status() == 200) {
            recorder.cancellations.incrementAndGet();
        }
    }

    private void calendarOfAWeek(Recorder recorder, Random random) {
        List<String> providers = requests.practice().providerIds();
        LocalDate from = slots.days().get(random.nextInt(Math.min(40, slots.days().size())));
        recorder.count("calendar", requests.calendar(providers.get(random.nextInt(providers.size())), from,
                from.plusDays(6)), 200);
    }

    private void availability(Recorder recorder, Random random) {
        LocalDate from = slots.days().get(random.nextInt(Math.min(40, slots.days().size())));
        recorder.count("availability", requests.availability(from, from.plusDays(13), null), 200);
    }

    /** When the read side has caught up with the whole event stream. */
    static double awaitCaughtUp(Http http, String adminToken, long timeoutSeconds) throws InterruptedException {
        long started = System.nanoTime();
        while (System.nanoTime() - started < timeoutSeconds * 1_000_000_000L) {
            JsonNode projections = http.get(adminToken, "/api/v1/admin/projections").json().path("projections");
            boolean caughtUp = projections.size() > 0;
            for (JsonNode p : projections) {
                caughtUp &= p.path("status").asText().equals("RUNNING") && p.path("lag").asLong() == 0;
            }
            if (caughtUp) {
                return (System.nanoTime() - started) / 1e9;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the projections did not catch up within " + timeoutSeconds + " s");
    }
}
