package com.practicescheduler.api.provider;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** One interval of a weekly working-hours template, in the practice's local time; {@code start < end}. */
public record WeeklyInterval(DayOfWeek dayOfWeek, LocalTime start, LocalTime end) {

    /**
     * The working time of {@code date} under {@code weekly}, as absolute ranges in {@code zone}: touching or
     * overlapping intervals merged, ordered by start. Local times stay local: 09:00 is 09:00 on both sides of a
     * daylight-saving change (a local time that does not exist that day moves forward by the gap).
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
                ranges.add(range(date, mergedStart, mergedEnd, zone));
            }
            mergedStart = interval.start();
            mergedEnd = interval.end();
        }
        if (mergedStart != null) {
            ranges.add(range(date, mergedStart, mergedEnd, zone));
        }
        return ranges;
    }

    private static TimeRange range(LocalDate date, LocalTime start, LocalTime end, ZoneId zone) {
        return new TimeRange(ZonedDateTime.of(date, start, zone).toInstant(),
                ZonedDateTime.of(date, end, zone).toInstant());
    }
}
