package com.practicescheduler.benchmark;

import java.util.List;
import java.util.Locale;

/** The Markdown detail under the targets: every phase's latencies, where they are timed from, and its counts. */
final class PhaseTables {

    private PhaseTables() {
    }

    static void append(StringBuilder md, List<Phase> phases, PlainBooking.Result plain) {
        md.append("\nLatencies in ms (HdrHistogram, 3 significant digits). Closed loops are timed from each request's")
                .append(" sending; the open loop from each request's intended start, so waiting to be sent counts.\n")
                .append("\n| phase | clients | timed from | request | count | p50 | p95 | p99 | max |\n")
                .append("|---|---|---|---|---|---|---|---|---|\n");
        if (plain != null) {
            row(md, "plain booking (SQL)", plain.clients() + "", Phase.FROM_SEND, "insert", plain.book());
            row(md, "plain booking (SQL)", plain.clients() + "", Phase.FROM_SEND, "deliberate conflict (23P01)",
                    plain.conflict());
        }
        for (Phase phase : phases) {
            String clients = phase.timedFrom().equals(Phase.FROM_INTENDED_START)
                    ? "open loop, ≤ " + phase.clients() + " in flight" : phase.clients() + "";
            phase.latencies().forEach((kind, s) -> row(md, phase.name(), clients, phase.timedFrom(), kind, s));
            row(md, phase.name(), clients, "the 201", "lag (sampled)", phase.lag());
        }
        for (Phase phase : phases) {
            warmup(md, phase);
        }
        md.append("\n");
        for (Phase phase : phases) {
            md.append("- ").append(phase.name()).append(": ").append(phase.bookings()).append(" bookings, ")
                    .append(phase.conflicts()).append(" deliberate conflicts answered 409, ")
                    .append(phase.cancellations()).append(" cancellations, ").append(phase.errors())
                    .append(" errors; statuses ").append(phase.statuses()).append("\n");
        }
    }

    /**
     * The warm-up's windows of a phase that measured CPU: whether the measured window began once bookings cost what
     * they cost in it (the compiler done with the booking path) or while they were still getting cheaper.
     */
    private static void warmup(StringBuilder md, Phase phase) {
        if (phase.warmup().isEmpty()) {
            return;
        }
        md.append("\nWarm-up of ").append(phase.name()).append(", in windows of ").append(Load.WARMUP_WINDOW_SECONDS)
                .append(" s (CPU in ms per booking answered 201), then the measured window:\n\n")
                .append("| window | bookings/s | application | PostgreSQL | benchmark clients | machine |\n")
                .append("|---|---|---|---|---|---|\n");
        double from = 0;
        for (Cpu.PerBooking window : phase.warmup()) {
            cpuRow(md, String.format(Locale.ROOT, "%.0f-%.0f s", from, from + window.seconds()), window);
            from += window.seconds();
        }
        if (phase.cpu() != null) {
            cpuRow(md, "measured", phase.cpu());
        }
    }

    private static void cpuRow(StringBuilder md, String window, Cpu.PerBooking cpu) {
        md.append("| ").append(window).append(" | ")
                .append(String.format(Locale.ROOT, "%.1f", cpu.bookings() / cpu.seconds())).append(" | ")
                .append(known(cpu.applicationMs())).append(" | ").append(known(cpu.postgresMs())).append(" | ")
                .append(known(cpu.benchmarkMs())).append(" | ").append(known(cpu.machineMs())).append(" |\n");
    }

    private static String known(Double ms) {
        return ms == null ? "—" : ms.toString();
    }

    private static void row(StringBuilder md, String phase, String clients, String timedFrom, String kind,
                            Latencies.Stats s) {
        if (s == null || s.count() == 0) {
            return;
        }
        md.append("| ").append(phase).append(" | ").append(clients).append(" | ").append(timedFrom).append(" | ")
                .append(kind).append(" | ").append(s.count()).append(" | ").append(s.p50Ms()).append(" | ")
                .append(s.p95Ms()).append(" | ").append(s.p99Ms()).append(" | ").append(s.maxMs()).append(" |\n");
    }
}
