package com.practicescheduler.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailableTimeTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final LocalDate MONDAY = LocalDate.parse("2026-12-07");
    /** Mondays 09:00–12:00 and 13:00–17:00: 420 minutes. */
    private static final AvailableTime.Template WEEKDAYS = new AvailableTime.Template(
            Instant.parse("2026-11-02T14:00:00Z"), List.of(
            new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0)),
            new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(13, 0), LocalTime.of(17, 0))));

    @Test
    void aDayHasItsWorkingHours() {
        assertThat(AvailableTime.minutesOn(List.of(WEEKDAYS), List.of(), MONDAY, NEW_YORK)).isEqualTo(420);
        assertThat(AvailableTime.minutesOn(List.of(WEEKDAYS), List.of(), MONDAY.plusDays(1), NEW_YORK)).isZero();
    }

    @Test
    void overlappingTimeOffIsTakenAwayOnceAndOnlyWhereItMeetsWorkingHours() {
        List<TimeRange> timeOff = List.of(range("2026-12-07T10:00", "2026-12-07T12:30"),
                range("2026-12-07T11:00", "2026-12-07T14:00"));

        // 10:00–12:00 and 13:00–14:00 are off: 420 - 120 - 60
        assertThat(AvailableTime.minutesOn(List.of(WEEKDAYS), timeOff, MONDAY, NEW_YORK)).isEqualTo(240);
    }

    @Test
    void aTemplateHoldsFromTheDayItWasSetAndNeverBefore() {
        AvailableTime.Template mornings = new AvailableTime.Template(
                Instant.parse("2026-12-14T15:00:00Z"), // Monday 10:00 in New York
                List.of(new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 0))));
        List<AvailableTime.Template> templates = List.of(WEEKDAYS, mornings);

        assertThat(AvailableTime.minutesOn(templates, List.of(), LocalDate.parse("2026-10-26"), NEW_YORK)).isZero();
        assertThat(AvailableTime.minutesOn(templates, List.of(), MONDAY, NEW_YORK)).isEqualTo(420);
        assertThat(AvailableTime.minutesOn(templates, List.of(), LocalDate.parse("2026-12-14"), NEW_YORK))
                .isEqualTo(180);
        assertThat(AvailableTime.minutesOn(templates, List.of(), LocalDate.parse("2026-12-21"), NEW_YORK))
                .isEqualTo(180);
    }

    @Test
    void hoursAcrossTheEndOfDaylightSavingTimeCountTheTimeThatPassed() {
        AvailableTime.Template sundayNight = new AvailableTime.Template(Instant.parse("2026-10-01T12:00:00Z"),
                List.of(new WeeklyInterval(DayOfWeek.SUNDAY, LocalTime.of(0, 0), LocalTime.of(4, 0))));

        // 1 November 2026: the clocks go back at 02:00, so 00:00–04:00 lasts five hours
        assertThat(AvailableTime.minutesOn(List.of(sundayNight), List.of(), LocalDate.parse("2026-11-01"),
                NEW_YORK)).isEqualTo(300);
    }

    private static TimeRange range(String start, String end) {
        return new TimeRange(java.time.LocalDateTime.parse(start).atZone(NEW_YORK).toInstant(),
                java.time.LocalDateTime.parse(end).atZone(NEW_YORK).toInstant());
    }
}
