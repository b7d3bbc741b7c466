package com.practicescheduler.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatisticsTest {

    @Test
    void percentagesHaveOneDecimalRoundedHalfUpAndNoneWithoutAWhole() {
        assertThat(Statistics.percent(2, 9)).isEqualByComparingTo("22.2");
        assertThat(Statistics.percent(2, 3)).isEqualByComparingTo("66.7");
        assertThat(Statistics.percent(1, 8)).isEqualByComparingTo("12.5");
        assertThat(Statistics.percent(1, 16)).isEqualByComparingTo("6.3"); // 6.25 rounds up
        assertThat(Statistics.percent(3, 3)).isEqualTo(new BigDecimal("100.0"));
        assertThat(Statistics.percent(0, 0)).isNull();
    }

    @Test
    void percentilesInterpolateBetweenTheClosestRanks() {
        List<Duration> waits = List.of(Duration.ofHours(50), Duration.ofHours(2), Duration.ofHours(26));

        assertThat(Statistics.percentile(waits, 0.5)).isEqualTo(Duration.ofHours(26));
        // rank 0.9 × 2 = 1.8: 26 h + 0.8 × (50 h - 26 h)
        assertThat(Statistics.percentile(waits, 0.9)).isEqualTo(Duration.parse("PT45H12M"));
        assertThat(Statistics.percentile(List.of(Duration.ofHours(1), Duration.ofHours(2)), 0.5))
                .isEqualTo(Duration.ofMinutes(90));
        assertThat(Statistics.percentile(List.of(Duration.ofMinutes(7)), 0.9)).isEqualTo(Duration.ofMinutes(7));
        assertThat(Statistics.percentile(List.of(), 0.5)).isNull();
    }
}
