package com.practicescheduler.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class ReportRangeTest {

    private final ReportRange december = new ReportRange(LocalDate.parse("2026-12-01"), LocalDate.parse("2026-12-31"),
            ZoneId.of("America/New_York"));

    @Test
    void weeksRunMondayToSundayCutToTheRange() {
        assertThat(december.weeks()).extracting(w -> w.from() + ".." + w.to()).containsExactly(
                "2026-12-01..2026-12-06", "2026-12-07..2026-12-13", "2026-12-14..2026-12-20",
                "2026-12-21..2026-12-27", "2026-12-28..2026-12-31");
    }

    @Test
    void theRangeIsWholeDaysInThePracticesTimeZone() {
        assertThat(december.start()).isEqualTo(Instant.parse("2026-12-01T05:00:00Z"));
        assertThat(december.end()).isEqualTo(Instant.parse("2027-01-01T05:00:00Z"));
        assertThat(december.days()).hasSize(31);
        assertThat(december.dateOf(Instant.parse("2026-12-02T04:59:00Z"))).isEqualTo("2026-12-01");
    }
}
