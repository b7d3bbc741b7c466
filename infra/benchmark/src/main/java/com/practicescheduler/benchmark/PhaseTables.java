package com.practicescheduler.benchmark;

import java.util.List;

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
        md.append("\n");
        for (Phase phase : phases) {
            md.append("- ").append(phase.name()).append(": ").append(phase.bookings()).append(" bookings, ")
                    .append(phase.conflicts()).append(" deliberate conflicts answered 409, ")
                    .append(phase.cancellations()).append(" cancellations, ").append(phase.errors())
                    .append(" errors; statuses ").append(phase.statuses()).append("\n");
        }
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
