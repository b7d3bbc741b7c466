package com.practicescheduler.api.provider;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** One interval of a weekly working-hours template, in the practice's local time; {@code start < end}. */
public record WeeklyInterval(DayOfWeek dayOfWeek, LocalTime start, LocalTime end) {

    /**
     * The working time of {@code date} under {@code weekly}, as absolute ranges in {@code zone}: touching or
     * overlapping intervals merged, ordered by start. Local times stay local: 09:00 is 09:00 on both sides of a
     * daylight-saving change (a local time that does not exist that day moves forward by the gap, and an interval
     * wholly inside the gap has no working time that day).
     */
    public static List<TimeRange> rangesOn(List<WeeklyInterval> weekly, LocalDate date, ZoneId zone) {
        List<WeeklyInterval> ofDay = weekly.stream()
                .filter(interval -> interval.dayOfWeek() == date.getDayOfWeek())
                .sorted(Comparator.comparing(WeeklyInterval::start))
                .toList();
        List<TimeRange> ranges = new ArrayList<>();
        LocalTime mergedStart = null;
        LocalTime mergedEnd = null;
        for (WeeklyInterval interval : ofDay) {
            if (mergedEnd != null && !interval.start().isAfter(mergedEnd)) {
                mergedEnd = interval.end().isAfter(mergedEnd) ? interval.end() : mergedEnd;
                continue;
            }
            if (mergedStart != null) {
                range(date, mergedStart, mergedEnd, zone).ifPresent(ranges::add);
            }
            mergedStart = interval.start();
            mergedEnd = interval.end();
        }
        if (mergedStart != null) {
            range(date, mergedStart, mergedEnd, zone).ifPresent(ranges::add);
        }
        return ranges;
    }

    /** Empty when the interval lies inside the hour skipped as clocks go forward: no working time that day. */
    private static Optional<TimeRange> range(LocalDate date, LocalTime start, LocalTime end, ZoneId zone) {
        Instant from = ZonedDateTime.of(date, start, zone).toInstant();
        Instant to = ZonedDateTime.of(date, end, zone).toInstant();
        return from.isBefore(to) ? Optional.of(new TimeRange(from, to)) : Optional.empty();
    }
}
