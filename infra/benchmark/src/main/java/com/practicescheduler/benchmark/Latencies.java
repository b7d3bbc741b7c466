package com.practicescheduler.benchmark;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Response times of one kind of request, in an HdrHistogram of microseconds to 3 significant digits (a
 * percentile is off by at most 0.1 %); recording is thread-safe and allocates nothing.
 */
final class Latencies {

    private static final int SIGNIFICANT_DIGITS = 3;

    private final Histogram micros = new ConcurrentHistogram(SIGNIFICANT_DIGITS);

    void record(long elapsedNanos) {
        micros.recordValue(Math.max(0, Math.round(elapsedNanos / 1_000.0)));
    }

    long count() {
        return micros.getTotalCount();
    }

    /** Count, percentiles and maximum in milliseconds (null without samples). */
    record Stats(long count, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs) {
    }

    Stats stats() {
        Histogram copy = micros.copy();
        if (copy.getTotalCount() == 0) {
            return new Stats(0, null, null, null, null);
        }
        return new Stats(copy.getTotalCount(), ms(copy.getValueAtPercentile(50)), ms(copy.getValueAtPercentile(95)),
                ms(copy.getValueAtPercentile(99)), ms(copy.getMaxValue()));
    }

    /** Milliseconds to two decimals; above ~10 ms the histogram's 3 significant digits are the coarser limit. */
    private static double ms(long micros) {
        return Math.round(micros / 10.0) / 100.0;
    }
}
