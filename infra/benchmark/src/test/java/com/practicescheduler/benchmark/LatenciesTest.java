package com.practicescheduler.benchmark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesToThreeSignificantDigits() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.record(ms * 1_000_000L);
        }

        Latencies.Stats stats = latencies.stats();

        assertThat(stats.count()).isEqualTo(1000);
        assertThat(stats.p50Ms()).isCloseTo(500, within(0.5));
        assertThat(stats.p95Ms()).isCloseTo(950, within(1.0));
        assertThat(stats.p99Ms()).isCloseTo(990, within(1.0));
        assertThat(stats.maxMs()).isCloseTo(1000, within(1.0));
    }

    @Test
    void noSamplesNoFigures() {
        assertThat(new Latencies().stats()).isEqualTo(new Latencies.Stats(0, null, null, null, null));
    }
}
