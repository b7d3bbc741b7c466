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
    public Double seedSeconds;
    public Map<String, Object> history;
    public Map<String, Object> auditFill;
    public Long eventsInStore;
    public final List<Load.Phase> phases = new ArrayList<>();
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
        this.options.put("target", options.baseUrl() == null ? "standalone jar" : options.baseUrl());
    }

    void write(Path directory) throws IOException {
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
        Load.Phase bookings = phase("bookings");
        Load.Phase paced = phase("paced");
        Load.Phase mixed = phase("mixed");
        md.append("| figure | target | measured | met |\n|---|---|---|---|\n");
        row(md, "raw single-row commits, 8 clients (baseline)", "—", number(baselineCommitsPerSecond, "/s"), null);
        Load.Phase first = phase("first booking");
        if (first != null) {
            row(md, "first booking of each provider after the bulk history write (whole stream, no snapshot)", "—",
                    stats(first.latencies().get("book")) + "; statuses " + first.statuses(), null);
        }
        if (bookings != null) {
            double ratio = ratio(bookings);
            row(md, "bookings (201), " + bookings.clients() + " clients, bookings only", "≥ 15 % of baseline",
                    String.format(Locale.ROOT, "%.1f/s = %.1f %%; %s", bookings.bookingsPerSecond(), ratio,
                            stats(bookings.latencies().get("book"))), Double.isNaN(ratio) ? null : ratio >= 15);
        }
        if (paced != null) {
            Latencies.Stats book = paced.latencies().get("book");
            row(md, "booking latency at half that load (" + paced.name() + ")", "p99 ≤ 50 ms", stats(book),
                    book == null || book.p99Ms() == null ? null : book.p99Ms() <= 50);
            row(md, "projection lag, 201 → in calendar and out of availability (half load)", "p99 ≤ 100 ms",
                    stats(paced.lag()), paced.lag().p99Ms() == null ? null : paced.lag().p99Ms() <= 100);
        }
        if (bookings != null) {
            row(md, "projection lag at the full booking load", "p99 ≤ 100 ms", stats(bookings.lag()),
                    bookings.lag().p99Ms() == null ? null : bookings.lag().p99Ms() <= 100);
        }
        if (mixed != null) {
            row(md, "bookings (201), " + mixed.clients() + " clients, mixed with cancellations and queries", "—",
                    String.format(Locale.ROOT, "%.1f/s = %.1f %%", mixed.bookingsPerSecond(), ratio(mixed)), null);
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
        md.append("\n| phase | request | count | p50 ms | p95 ms | p99 ms | max ms |\n|---|---|---|---|---|---|---|\n");
        for (Load.Phase phase : phases) {
            phase.latencies().forEach((kind, s) -> md.append("| ").append(phase.name()).append(" | ").append(kind)
                    .append(" | ").append(s.count()).append(" | ").append(s.p50Ms()).append(" | ").append(s.p95Ms())
                    .append(" | ").append(s.p99Ms()).append(" | ").append(s.maxMs()).append(" |\n"));
            Latencies.Stats lag = phase.lag();
            md.append("| ").append(phase.name()).append(" | lag (sampled) | ").append(lag.count()).append(" | ")
                    .append(lag.p50Ms()).append(" | ").append(lag.p95Ms()).append(" | ").append(lag.p99Ms())
                    .append(" | ").append(lag.maxMs()).append(" |\n");
        }
        md.append("\n");
        for (Load.Phase phase : phases) {
            md.append("- ").append(phase.name()).append(": ").append(phase.bookings()).append(" bookings, ")
                    .append(phase.conflicts()).append(" deliberate conflicts answered 409, ")
                    .append(phase.cancellations()).append(" cancellations, ").append(phase.errors())
                    .append(" errors; statuses ").append(phase.statuses()).append("\n");
        }
        if (history != null) {
            md.append("- history: ").append(history).append("\n");
        }
        if (auditFill != null) {
            md.append("- audit entries of a second practice, written with COPY: ").append(auditFill).append("\n");
        }
        md.append("- events in the store before the load: ").append(eventsInStore).append("\n");
        return md.toString();
    }

    /** Bookings per second as a percentage of the baseline. */
    private double ratio(Load.Phase phase) {
        return baselineCommitsPerSecond == null ? Double.NaN
                : 100 * phase.bookingsPerSecond() / baselineCommitsPerSecond;
    }

    private Load.Phase phase(String prefix) {
        return phases.stream().filter(p -> p.name().startsWith(prefix)).findFirst().orElse(null);
    }

    private static void row(StringBuilder md, String figure, String target, String measured, Boolean met) {
        md.append("| ").append(figure).append(" | ").append(target).append(" | ").append(measured).append(" | ")
                .append(met == null ? "—" : met ? "yes" : "**no**").append(" |\n");
    }

    private static String stats(Latencies.Stats s) {
        if (s == null || s.count() == 0) {
            return "not measured";
        }
        return "p50 " + s.p50Ms() + " / p95 " + s.p95Ms() + " / p99 " + s.p99Ms() + " ms (n=" + s.count() + ")";
    }

    private static String number(Double value, String unit) {
        return value == null ? "not measured" : String.format(Locale.ROOT, "%.1f%s", value, unit);
    }
}
