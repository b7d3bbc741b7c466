package com.practicescheduler.benchmark;

import java.util.ArrayList;
import java.util.List;

/** Response times of one kind of request; thread-safe. Percentiles by nearest rank. */
final class Latencies {

    private final List<Long> nanos = new ArrayList<>();

    synchronized void record(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    synchronized int count() {
        return nanos.size();
    }

    /** Count and percentiles in milliseconds (null without samples). */
    record Stats(int count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {
    }

    synchronized Stats stats() {
        if (nanos.isEmpty()) {
            return new Stats(0, null, null, null, null);
        }
        List<Long> sorted = nanos.stream().sorted().toList();
        return new Stats(sorted.size(), ms(rank(sorted, 0.50)), ms(rank(sorted, 0.95)), ms(rank(sorted, 0.99)),
                ms(sorted.get(sorted.size() - 1)));
    }

    static long rank(List<Long> sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
