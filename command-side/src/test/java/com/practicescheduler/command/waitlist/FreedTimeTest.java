package com.practicescheduler.command.waitlist;

import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.TUESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreedTimeTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void longerHoursFreeOnlyTheTimeAddedOnEachDate() {
        List<WeeklyInterval> before = List.of(new WeeklyInterval(MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)));
        List<WeeklyInterval> after = List.of(new WeeklyInterval(MONDAY, LocalTime.of(8, 0), LocalTime.of(17, 0)),
                new WeeklyInterval(TUESDAY, LocalTime.of(9, 0), LocalTime.of(10, 0)));

        List<TimeRange> added = FreedTime.addedHours(before, after, NEW_YORK, LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 7));

        assertThat(added).containsExactly(
                range("2026-11-30T13:00:00Z", "2026-11-30T14:00:00Z"),   // Monday 08:00-09:00
                range("2026-11-30T17:00:00Z", "2026-11-30T22:00:00Z"),   // Monday 12:00-17:00
                range("2026-12-01T14:00:00Z", "2026-12-01T15:00:00Z"),   // Tuesday 09:00-10:00
                range("2026-12-07T13:00:00Z", "2026-12-07T14:00:00Z"),
                range("2026-12-07T17:00:00Z", "2026-12-07T22:00:00Z"));
    }

    @Test
    void shorterHoursFreeNothing() {
        List<WeeklyInterval> before = List.of(new WeeklyInterval(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));
        List<WeeklyInterval> after = List.of(new WeeklyInterval(MONDAY, LocalTime.of(10, 0), LocalTime.of(12, 0)));

        assertThat(FreedTime.addedHours(before, after, NEW_YORK, LocalDate.of(2026, 11, 30),
                LocalDate.of(2026, 12, 30))).isEmpty();
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(Instant.parse(from), Instant.parse(to));
    }
}
