package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Everything one run measured, as JSON and as a Markdown table with each target of quality.md beside it. */
final class Results {

    public final Machine machine;
    public final Map<String, Object> options = new LinkedHashMap<>();
    public final Instant startedAt;
    public Instant finishedAt;
    public Double coldStartSeconds;
    public Double startSeconds;
    public Double baselineCommitsPerSecond;
    public PlainBooking.Result plainBooking;
    /** Why the plain booking was not measured, when it was not. */
    public String plainBookingNotMeasured;
    public Double seedSeconds;
    public Map<String, Object> history;
    /** The providers' schedules after the bulk history, snapshotted in the background (ScheduleSnapshots). */
    public Map<String, Object> scheduleSnapshots;
    public Map<String, Object> auditFill;
    public Long eventsInStore;
    public final List<Phase> phases = new ArrayList<>();
    /** Bookings per second of each closed-loop phase over each baseline's rate (1.0 = the same rate). */
    public final Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
    public Map<String, Latencies.Stats> queries;
    public Long auditEntries;
    public Map<String, Object> rebuild;

    Results(Machine machine, Options options, Instant startedAt) {
        this.machine = machine;
        this.startedAt = startedAt;
        this.options.put("clients", options.clients());
        this.options.put("providers", options.providers());
        this.options.put("patients", options.patients());
        this.options.put("history", options.history());
        this.options.put("warmupSeconds", options.warmupSeconds());
        this.options.put("measureSeconds", options.measureSeconds());
        this.options.put("pacedSeconds", options.pacedSeconds());
        this.options.put("baselineSeconds", options.baselineSeconds());
        this.options.put("plainClients", options.plainClients());
        this.options.put("quick", options.quick());
        this.options.put("target", options.baseUrl() == null ? "standalone jar" : options.baseUrl());
    }

    void write(Path directory) throws IOException {
        ratios.clear();
        for (Phase phase : phases) {
            if (phase.timedFrom().equals(Phase.FROM_SEND) && phase.clients() > 1) {
                Map<String, Double> ratio = new LinkedHashMap<>();
                ratio.put("ofRawCommits", over(phase, baselineCommitsPerSecond));
                ratio.put("ofPlainBooking", over(phase, plainBooking == null ? null : plainBooking.bookingsPerSecond()));
                ratios.put(phase.name(), ratio);
            }
        }
        Files.writeString(directory.resolve("result.json"), JsonMapper.builder().findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
                .build().writeValueAsString(this));
        Files.writeString(directory.resolve("result.md"), markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Run ").append(startedAt).append(" on ").append(machine.cores()).append(" cores (")
                .append(machine.cpu()).append("), ").append(machine.memoryGiB()).append(" GiB, ")
                .append(machine.os()).append(", ").append(machine.java()).append("; ").append(options).append("\n\n");
        Phase bookings = phase("bookings");
        Phase paced = phase("paced");
        Phase mixed = phase("mixed");
        md.append("| figure | target | measured | met |\n|---|---|---|---|\n");
        row(md, "raw single-row commits, " + Baseline.CLIENTS + " clients (baseline)", "—",
                number(baselineCommitsPerSecond, "/s"), null);
        row(md, "plain booking: one INSERT under an exclusion constraint"
                + (plainBooking == null ? "" : ", " + plainBooking.clients() + " clients") + " (second baseline)",
                "—", plainBooking(), null);
        if (scheduleSnapshots != null) {
            row(md, "providers' schedules after the bulk history write, snapshotted in the background", "—",
                    scheduleSnapshots.get("withSnapshot") + " of " + scheduleSnapshots.get("providers")
                            + " with a snapshot; events after the newest: median "
                            + scheduleSnapshots.get("eventsAfterNewestSnapshotMedian") + ", max "
                            + scheduleSnapshots.get("eventsAfterNewestSnapshotMax") + "; last one written "
                            + scheduleSnapshots.get("lastSnapshotSecondsAfterHistory")
                            + " s after the history write ended; application quiet after "
                            + scheduleSnapshots.get("waitedForQuietSeconds") + " s", null);
        }
        Phase first = phase("first booking");
        if (first != null) {
            row(md, "first booking of each provider after the bulk history write (from its newest snapshot)", "—",
                    stats(first.latencies().get("book")) + "; statuses " + first.statuses(), null);
        }
        if (bookings != null) {
            Double raw = over(bookings, baselineCommitsPerSecond);
            Double plain = over(bookings, plainBooking == null ? null : plainBooking.bookingsPerSecond());
            row(md, "bookings (201), " + bookings.clients() + " clients, bookings only",
                    "≥ 15 % of raw commits and ≥ 100 % of the plain booking",
                    String.format(Locale.ROOT, "%.1f/s = %s of raw commits, %s of the plain booking; %s",
                            bookings.bookingsPerSecond(), percent(raw), percent(plain),
                            stats(bookings.latencies().get("book"))),
                    raw == null || plain == null ? null : raw >= 0.15 && plain >= 1);
            row(md, "CPU per booking (201) in the bookings-only phase", "—", cpu(bookings.cpu()), null);
        }
        if (paced != null) {
            Latencies.Stats book = paced.latencies().get("book");
            row(md, "booking latency at half that load (" + paced.name() + ", from each intended start)",
                    "p99 ≤ 50 ms", stats(book), book == null || book.p99Ms() == null ? null : book.p99Ms() <= 50);
            row(md, "projection lag, 201 → in calendar and out of availability (half load)", "p99 ≤ 100 ms",
                    stats(paced.lag()), paced.lag().p99Ms() == null ? null : paced.lag().p99Ms() <= 100);
        }
        if (bookings != null) {
            row(md, "projection lag at the full booking load", "p99 ≤ 100 ms", stats(bookings.lag()),
                    bookings.lag().p99Ms() == null ? null : bookings.lag().p99Ms() <= 100);
        }
        if (mixed != null) {
            row(md, "bookings (201), " + mixed.clients() + " clients, mixed with cancellations and queries", "—",
                    String.format(Locale.ROOT, "%.1f/s = %s of raw commits, %s of the plain booking",
                            mixed.bookingsPerSecond(), percent(over(mixed, baselineCommitsPerSecond)),
                            percent(over(mixed, plainBooking == null ? null : plainBooking.bookingsPerSecond()))),
                    null);
            row(md, "projection lag under the mixed load", "—", stats(mixed.lag()), null);
        }
        if (queries != null) {
            Latencies.Stats availability = queries.get("availability, all providers x 14 days");
            row(md, "availability, " + options.get("providers") + " providers × 14 days, " + options.get("history")
                    + " past appointments", "p99 ≤ 20 ms (at 1 M)", stats(availability),
                    availability.p99Ms() <= 20);
            Latencies.Stats calendar = queries.get("calendar, one provider-week");
            row(md, "calendar, one provider-week", "p99 ≤ 10 ms", stats(calendar), calendar.p99Ms() <= 10);
            Latencies.Stats audit = queries.get("audit, one patient (limit 50)");
            row(md, "audit query, one patient, among " + auditEntries + " entries", "p99 ≤ 50 ms (at 10 M)",
                    stats(audit), audit.p99Ms() <= 50);
            Latencies.Stats filled = queries.get(Queries.FILLED_AUDIT);
            if (filled != null) {
                row(md, "audit query, one patient of a practice with " + auditFill.get("entries")
                        + " entries (written into the read model, see AuditFiller)", "p99 ≤ 50 ms (at 10 M)",
                        stats(filled), filled.p99Ms() <= 50);
            }
        }
        if (rebuild != null) {
            long rate = ((Number) rebuild.get("eventsPerSecond")).longValue();
            row(md, "full rebuild of all " + ((List<?>) rebuild.get("projections")).size() + " projections, "
                            + rebuild.get("events") + " events", "≥ 20,000 events/s",
                    rate + " events/s (" + rebuild.get("seconds") + " s)", rate >= 20_000);
        }
        row(md, "standalone start to ready (README command 1, fresh data dir)", "≤ 15 s",
                number(coldStartSeconds, " s"), coldStartSeconds == null ? null : coldStartSeconds <= 15);
        row(md, "start to ready on a running PostgreSQL", "—", number(startSeconds, " s"), null);
        PhaseTables.append(md, phases, plainBooking);
        if (history != null) {
            md.append("- history: ").append(history).append("\n");
        }
        if (auditFill != null) {
            md.append("- audit entries of a second practice, written with COPY: ").append(auditFill).append("\n");
        }
        md.append("- events in the store before the load: ").append(eventsInStore).append("\n");
        return md.toString();
    }

    private String plainBooking() {
        if (plainBooking == null) {
            return plainBookingNotMeasured == null ? "not measured" : "not measured: " + plainBookingNotMeasured;
        }
        return String.format(Locale.ROOT, "%.1f/s; %d deliberate conflicts refused (23P01), %d unexpected, %d"
                        + " overlapping pairs after; %s", plainBooking.bookingsPerSecond(), plainBooking.conflicts(),
                plainBooking.unexpected(), plainBooking.overlappingPairs(), stats(plainBooking.book()));
    }

    private static String cpu(Cpu.PerBooking cpu) {
        if (cpu == null) {
            return "not measured";
        }
        return "application " + ms(cpu.applicationMs(), cpu.applicationCores()) + ", PostgreSQL "
                + ms(cpu.postgresMs(), cpu.postgresCores()) + ", benchmark clients "
                + ms(cpu.benchmarkMs(), cpu.benchmarkCores()) + ", whole machine "
                + ms(cpu.machineMs(), cpu.machineCores()) + " (" + cpu.bookings() + " bookings in " + cpu.seconds()
                + " s)";
    }

    private static String ms(Double ms, Double cores) {
        return ms == null ? "unknown" : String.format(Locale.ROOT, "%.1f ms (%.2f cores)", ms, cores);
    }

    /** Bookings per second of {@code phase} over {@code rate}, null without a rate. */
    private static Double over(Phase phase, Double rate) {
        return rate == null || rate == 0 ? null : Math.round(phase.bookingsPerSecond() / rate * 10_000) / 10_000.0;
    }

    private static String percent(Double ratio) {
        return ratio == null ? "—" : String.format(Locale.ROOT, "%.1f %%", 100 * ratio);
    }

    private Phase phase(String prefix) {
        return phases.stream().filter(p -> p.name().startsWith(prefix)).findFirst().orElse(null);
    }

    private static void row(StringBuilder md, String figure, String target, String measured, Boolean met) {
        md.append("| ").append(figure).append(" | ").append(target).append(" | ").append(measured).append(" | ")
                .append(met == null ? "—" : met ? "yes" : "**no**").append(" |\n");
    }

    static String stats(Latencies.Stats s) {
        if (s == null || s.count() == 0) {
            return "not measured";
        }
        return "p50 " + s.p50Ms() + " / p95 " + s.p95Ms() + " / p99 " + s.p99Ms() + " ms (n=" + s.count() + ")";
    }

    private static String number(Double value, String unit) {
        return value == null ? "not measured" : String.format(Locale.ROOT, "%.1f%s", value, unit);
    }
}
