package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Load over HTTP as staff apps make it. Bookings go to slots no one else books (each slot is handed out once),
 * except the deliberate conflicts, which book a slot already taken and must answer 409.
 *
 * <p>Over 250 lines on purpose: every phase (paced, saturating, mixed) shares the one slot ledger that keeps
 * bookings from colliding by accident, and reads best beside it.
 */
final class Load {

    /** What one phase measured. */
    record Phase(String name, int clients, double seconds, long bookings, long conflicts, long cancellations,
                 long errors, double bookingsPerSecond, Map<String, Latencies.Stats> latencies,
                 Latencies.Stats lag, Map<String, Long> statuses) {
    }

    /** Bookings are of the 30-minute service without buffer, so a 09:00–17:00 day holds 16 of them. */
    private static final int BOOKED_SERVICE = 1;
    private static final int SLOTS_PER_DAY = 16;

    private final Http http;
    private final Practice practice;
    private final AtomicLong nextSlot = new AtomicLong();
    private final List<LocalDate> days = new ArrayList<>();

    Load(Http http, Practice practice) {
        this.http = http;
        this.practice = practice;
        LocalDate day = LocalDate.now(practice.zone()).plusDays(2);
        for (int i = 0; i < 170; i++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(day);
            }
        }
    }

    /** A slot never handed out before: provider, day and hour. */
    private record Slot(String providerId, LocalDate day, OffsetDateTime start) {
    }

    private Slot freshSlot() {
        long n = nextSlot.getAndIncrement();
        int providers = practice.providerIds().size();
        String provider = practice.providerIds().get((int) (n % providers));
        long index = n / providers;
        LocalDate day = days.get((int) ((index / SLOTS_PER_DAY) % days.size()));
        OffsetDateTime start = day.atTime(LocalTime.of(9, 0).plusMinutes(30 * (index % SLOTS_PER_DAY)))
                .atZone(practice.zone()).toOffsetDateTime();
        return new Slot(provider, day, start);
    }

    /** The counters and recorders of one phase. */
    private final class Recorder {
        final Map<String, Latencies> latencies = new ConcurrentHashMap<>();
        final Map<String, AtomicLong> statuses = new ConcurrentHashMap<>();
        final Latencies lag = new Latencies();
        final AtomicLong bookings = new AtomicLong();
        final AtomicLong conflicts = new AtomicLong();
        final AtomicLong cancellations = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final List<Slot> booked = new ArrayList<>();
        final Map<Slot, String> appointments = new ConcurrentHashMap<>();
        final int probeOneIn;
        volatile boolean measuring;

        Recorder(int probeOneIn) {
            this.probeOneIn = probeOneIn;
        }

        void count(String kind, Http.Answer answer, int expected) {
            if (measuring) {
                latencies.computeIfAbsent(kind, k -> new Latencies()).record(answer.nanos());
                statuses.computeIfAbsent(kind + " " + answer.status(), k -> new AtomicLong()).incrementAndGet();
                if (answer.status() != expected) {
                    errors.incrementAndGet();
                }
            }
        }

        /** A request that got no answer, counted by what went wrong. */
        void failed(Exception e) {
            errors.incrementAndGet();
            statuses.computeIfAbsent("no answer: " + e.getClass().getSimpleName(), k -> new AtomicLong())
                    .incrementAndGet();
        }

        Phase phase(String name, int clients, double seconds) {
            Map<String, Latencies.Stats> stats = new java.util.TreeMap<>();
            latencies.forEach((kind, l) -> stats.put(kind, l.stats()));
            Map<String, Long> counted = new java.util.TreeMap<>();
            statuses.forEach((status, n) -> counted.put(status, n.get()));
            return new Phase(name, clients, seconds, bookings.get(), conflicts.get(), cancellations.get(),
                    errors.get(), bookings.get() / seconds, stats, lag.stats(), counted);
        }
    }

    /**
     * One booking per provider, one at a time. After the bulk history write no schedule has a snapshot, so each
     * of these loads the provider's whole stream (and snapshots it), as the first booking after a restore or a
     * change of the snapshot revision would; the closed loops that follow then measure the steady state.
     */
    Phase firstBookingPerProvider() throws InterruptedException {
        Recorder recorder = new Recorder(Integer.MAX_VALUE);
        ExecutorService probes = probes();
        recorder.measuring = true;
        long started = System.nanoTime();
        for (int i = 0; i < practice.providerIds().size(); i++) {
            try {
                book(freshSlot(), recorder, probes); // fresh slots go round the providers
            } catch (RuntimeException e) {
                recorder.failed(e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitProbes(probes);
        return recorder.phase("first booking per provider", 1, seconds);
    }

    /** One request of a closed loop, chosen by a roll of 0–99. */
    private interface Step {
        void run(int dice, Random random, Recorder recorder, ExecutorService probes);
    }

    /**
     * The write path alone: {@code clients} clients in a closed loop, {@code warmup} then {@code measure} seconds,
     * booking free slots, one in ten of them a deliberate conflict. Lag is probed on one booking in twenty, so the
     * probes' reads stay a small part of the load.
     */
    Phase bookings(int clients, int warmup, int measure) throws InterruptedException {
        return closedLoop("bookings", clients, warmup, measure, 20, (dice, random, recorder, probes) -> {
            if (dice < 90) {
                book(freshSlot(), recorder, probes);
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
        return closedLoop("mixed", clients, warmup, measure, 5, (dice, random, recorder, probes) -> {
            if (dice < 45) {
                book(freshSlot(), recorder, probes);
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

    private Phase closedLoop(String name, int clients, int warmup, int measure, int probeOneIn, Step step)
            throws InterruptedException {
        Recorder recorder = new Recorder(probeOneIn);
        ExecutorService probes = probes();
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
        Thread.sleep(warmup * 1000L);
        recorder.measuring = true;
        long started = System.nanoTime();
        Thread.sleep(measure * 1000L);
        recorder.measuring = false;
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        awaitProbes(probes);
        return recorder.phase(name, clients, seconds);
    }

    /** Bookings only, open loop at {@code perSecond}, for {@code seconds}. */
    Phase paced(double perSecond, int seconds) throws InterruptedException {
        Recorder recorder = new Recorder(5);
        ExecutorService probes = probes();
        recorder.measuring = true;
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        long periodMicros = Math.max(1, (long) (1_000_000 / perSecond));
        long started = System.nanoTime();
        ticker.scheduleAtFixedRate(() -> workers.submit(() -> {
            try {
                book(freshSlot(), recorder, probes);
            } catch (RuntimeException e) {
                recorder.failed(e);
            }
        }), 0, periodMicros, TimeUnit.MICROSECONDS);
        Thread.sleep(seconds * 1000L);
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(2, TimeUnit.MINUTES);
        double elapsed = (System.nanoTime() - started) / 1e9;
        awaitProbes(probes);
        return recorder.phase("paced at " + Math.round(perSecond) + "/s", 0, elapsed);
    }

    private void book(Slot slot, Recorder recorder, ExecutorService probes) {
        Http.Answer answer = http.post(practice.scheduler(), "/api/v1/appointments", Map.of(
                "patientId", patient(), "providerId", slot.providerId(), "serviceId", bookedService(),
                "start", slot.start().toString()));
        long answeredAt = System.nanoTime();
        recorder.count("book", answer, 201);
        if (answer.status() == 201) {
            String id = answer.json().path("id").asText();
            boolean probed = recorder.measuring && ThreadLocalRandom.current().nextInt(recorder.probeOneIn) == 0;
            if (recorder.measuring) {
                recorder.bookings.incrementAndGet();
            }
            if (probed) {
                // never cancelled: the probe waits for it to leave availability
                probes.submit(() -> probeLag(slot, id, answeredAt, recorder));
            } else {
                recorder.appointments.put(slot, id); // before it can be picked for cancelling
                synchronized (recorder.booked) {
                    recorder.booked.add(slot);
                }
            }
        }
    }

    private void conflict(Recorder recorder) {
        Slot taken;
        synchronized (recorder.booked) {
            if (recorder.booked.isEmpty()) {
                return;
            }
            taken = recorder.booked.get(ThreadLocalRandom.current().nextInt(recorder.booked.size()));
        }
        Http.Answer answer = http.post(practice.scheduler(), "/api/v1/appointments", Map.of(
                "patientId", patient(), "providerId", taken.providerId(), "serviceId", bookedService(),
                "start", taken.start().toString()));
        recorder.count("conflict", answer, 409);
        if (recorder.measuring && answer.status() == 409) {
            recorder.conflicts.incrementAndGet();
        }
    }

    private void cancel(Recorder recorder) {
        Slot slot;
        synchronized (recorder.booked) {
            if (recorder.booked.isEmpty()) {
                return;
            }
            slot = recorder.booked.remove(recorder.booked.size() - 1);
        }
        String id = recorder.appointments.remove(slot);
        Http.Answer answer = http.post(practice.scheduler(), "/api/v1/appointments/" + id + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        recorder.count("cancel", answer, 200);
        if (recorder.measuring && answer.status() == 200) {
            recorder.cancellations.incrementAndGet();
        }
    }

    private void calendarOfAWeek(Recorder recorder, Random random) {
        LocalDate from = days.get(random.nextInt(Math.min(40, days.size())));
        recorder.count("calendar", calendar(practice.providerIds().get(random.nextInt(
                practice.providerIds().size())), from, from.plusDays(6)), 200);
    }

    private void availability(Recorder recorder, Random random) {
        LocalDate from = days.get(random.nextInt(Math.min(40, days.size())));
        recorder.count("availability", availability(from, from.plusDays(13), null), 200);
    }

    Http.Answer calendar(String providerId, LocalDate from, LocalDate to) {
        return http.get(practice.scheduler(), "/api/v1/calendar?providerId=" + providerId + "&from=" + from
                + "&to=" + to);
    }

    /** Free slots of the 50-minute service (with its 10-minute buffer) of every provider, or of one. */
    Http.Answer availability(LocalDate from, LocalDate to, String providerId) {
        return availability(practice.serviceIds().get(0), from, to, providerId);
    }

    private Http.Answer availability(String serviceId, LocalDate from, LocalDate to, String providerId) {
        return http.get(practice.scheduler(), "/api/v1/availability?serviceId=" + serviceId
                + "&from=" + from + "&to=" + to + (providerId == null ? "" : "&providerId=" + providerId));
    }

    /**
     * From the 201 until the booking is in the provider's calendar and out of availability: to the sending of the
     * first pair of reads that saw both (0 when the first pair did). Reads run back to back, so the resolution is
     * one read's time.
     */
    private void probeLag(Slot slot, String appointmentId, long answeredAt, Recorder recorder) {
        long deadline = answeredAt + 10_000_000_000L;
        boolean inCalendar = false;
        boolean outOfAvailability = false;
        while (System.nanoTime() < deadline) {
            long probedAt = System.nanoTime();
            if (!inCalendar) {
                inCalendar = calendar(slot.providerId(), slot.day(), slot.day()).body().contains(appointmentId);
            }
            if (inCalendar && !outOfAvailability) {
                // the booked service's own slots: its start is free there exactly when this booking is not seen
                JsonNode slots = availability(bookedService(), slot.day(), slot.day(), slot.providerId()).json()
                        .path("slots");
                outOfAvailability = true;
                for (JsonNode free : slots) {
                    if (OffsetDateTime.parse(free.path("start").asText()).toInstant()
                            .equals(slot.start().toInstant())) {
                        outOfAvailability = false;
                    }
                }
            }
            if (inCalendar && outOfAvailability) {
                recorder.lag.record(Math.max(0, probedAt - answeredAt));
                return;
            }
        }
        recorder.failed(new IllegalStateException("not visible within 10 s"));
    }

    private static ExecutorService probes() {
        return Executors.newFixedThreadPool(4);
    }

    private static void awaitProbes(ExecutorService probes) throws InterruptedException {
        probes.shutdown();
        if (!probes.awaitTermination(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("lag probes did not finish");
        }
    }

    private String bookedService() {
        return practice.serviceIds().get(BOOKED_SERVICE);
    }

    private String patient() {
        return practice.patientIds().get(ThreadLocalRandom.current().nextInt(practice.patientIds().size()));
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
