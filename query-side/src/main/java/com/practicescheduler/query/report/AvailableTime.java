package com.practicescheduler.query.report;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;

/**
 * The minutes a provider could be booked on a day: the working hours in effect that day, less time off. A template
 * is in effect from the day it was set (in the practice's time zone) until the day the next one was set, so a
 * change of hours never rewrites the past; before the first template a provider had no hours.
 */
final class AvailableTime {

    /** A working-hours template and the moment it was set. */
    record Template(Instant setAt, List<WeeklyInterval> weekly) {
    }

    private AvailableTime() {
    }

    /** The weekly hours in effect on {@code date}; {@code templates} oldest first. */
    static List<WeeklyInterval> hoursOn(List<Template> templates, LocalDate date, ZoneId zone) {
        List<WeeklyInterval> hours = List.of();
        for (Template template : templates) {
            if (template.setAt().atZone(zone).toLocalDate().isAfter(date)) {
                break;
            }
            hours = template.weekly();
        }
        return hours;
    }

    /** Available minutes on {@code date}: working time not covered by any of {@code timeOff}. */
    static long minutesOn(List<Template> templates, List<TimeRange> timeOff, LocalDate date, ZoneId zone) {
        long seconds = 0;
        for (TimeRange working : WeeklyInterval.rangesOn(hoursOn(templates, date, zone), date, zone)) {
            seconds += Duration.between(working.start(), working.end()).minus(covered(working, timeOff)).getSeconds();
        }
        return seconds / 60;
    }

    /** How much of {@code range} the (possibly overlapping) {@code timeOff} ranges cover together. */
    private static Duration covered(TimeRange range, List<TimeRange> timeOff) {
        List<TimeRange> clipped = timeOff.stream()
                .filter(range::overlaps)
                .map(t -> new TimeRange(max(t.start(), range.start()), min(t.end(), range.end())))
                .sorted(Comparator.comparing(TimeRange::start))
                .toList();
        Duration covered = Duration.ZERO;
        Instant reached = range.start();
        for (TimeRange t : clipped) {
            Instant from = max(t.start(), reached);
            if (t.end().isAfter(from)) {
                covered = covered.plus(Duration.between(from, t.end()));
                reached = t.end();
            }
        }
        return covered;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
