package com.practicescheduler.api.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeeklyIntervalTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate SPRING_FORWARD = LocalDate.of(2027, 3, 14); // a Sunday: 02:00 becomes 03:00

    @Test
    void touchingAndOverlappingIntervalsOfTheDayAreMergedInOrder() {
        List<WeeklyInterval> weekly = List.of(interval(DayOfWeek.MONDAY, "13:00", "17:00"),
                interval(DayOfWeek.MONDAY, "09:00", "12:00"), interval(DayOfWeek.MONDAY, "12:00", "12:30"),
                interval(DayOfWeek.TUESDAY, "08:00", "09:00"));

        List<TimeRange> ranges = WeeklyInterval.rangesOn(weekly, LocalDate.of(2026, 11, 30), NEW_YORK);

        assertThat(ranges).containsExactly(
                new TimeRange(Instant.parse("2026-11-30T14:00:00Z"), Instant.parse("2026-11-30T17:30:00Z")),
                new TimeRange(Instant.parse("2026-11-30T18:00:00Z"), Instant.parse("2026-11-30T22:00:00Z")));
    }

    @Test
    void anIntervalInsideTheSkippedHourHasNoWorkingTimeAndTheRestOfTheDayIsUnaffected() {
        List<WeeklyInterval> weekly = List.of(interval(DayOfWeek.SUNDAY, "02:00", "03:00"),
                interval(DayOfWeek.SUNDAY, "09:00", "17:00"));

        List<TimeRange> ranges = WeeklyInterval.rangesOn(weekly, SPRING_FORWARD, NEW_YORK);

        assertThat(ranges).containsExactly(
                new TimeRange(Instant.parse("2027-03-14T13:00:00Z"), Instant.parse("2027-03-14T21:00:00Z")));
    }

    private static WeeklyInterval interval(DayOfWeek day, String start, String end) {
        return new WeeklyInterval(day, LocalTime.parse(start), LocalTime.parse(end));
    }
}
