package com.practicescheduler.query.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** How the reports compute rates and percentiles, in one place so that every report rounds the same way. */
final class Statistics {

    private Statistics() {
    }

    /** {@code part} as a percentage of {@code whole}, to one decimal (half up); null when {@code whole} is 0. */
    static BigDecimal percent(long part, long whole) {
        if (whole == 0) {
            return null;
        }
        return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
                .divide(BigDecimal.valueOf(whole), 1, RoundingMode.HALF_UP);
    }

    /**
     * The {@code fraction} percentile (0.5 is the median) by linear interpolation between the closest ranks — as
     * PostgreSQL's {@code percentile_cont} and a spreadsheet's PERCENTILE.INC compute it — to whole seconds
     * (truncated); null when there are no values.
     */
    static Duration percentile(List<Duration> values, double fraction) {
        if (values.isEmpty()) {
            return null;
        }
        List<Duration> sorted = values.stream().sorted().toList();
        double rank = fraction * (sorted.size() - 1);
        int below = (int) Math.floor(rank);
        int above = (int) Math.ceil(rank);
        long low = sorted.get(below).toMillis();
        long high = sorted.get(above).toMillis();
        long millis = low + Math.round((high - low) * (rank - below));
        return Duration.ofMillis(millis).truncatedTo(ChronoUnit.SECONDS);
    }
}
