package com.practicescheduler.command.appointment;

import com.practicescheduler.api.series.Recurrence;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

/**
 * The starts of a series' occurrences: on the start's local date and after, in weeks counted from the start's week
 * (Monday to Sunday) every {@code everyWeeks} weeks, on each of the days (the start's weekday when none is given),
 * at the start's local time in the practice's zone, so a 17:00 Tuesday stays 17:00 across daylight-saving changes
 * (a local time the clocks skip becomes the first time after the gap). A pure function.
 */
final class Recurrences {

    /** Occurrences one series plans at once, at most ({@code count} ≤ 104 in the contract). */
    static final int MAX_OCCURRENCES = 104;
    /** Weeks looked through, at most: ends a recurrence whose days never come (or come after years). */
    private static final int MAX_WEEKS = 52 * 40;

    private Recurrences() {
    }

    /**
     * The starts in order that come after {@code after} (null: from the first) and not after {@code notAfter}
     * (null: no limit), at most {@code max}; the recurrence's own {@code count} and {@code until} always hold.
     */
    static List<Instant> starts(Instant first, Recurrence recurrence, ZoneId zone, Instant after, Instant notAfter,
                                int max) {
        LocalDateTime local = first.atZone(zone).toLocalDateTime();
        LocalDate firstDay = local.toLocalDate();
        LocalTime time = local.toLocalTime();
        TreeSet<DayOfWeek> days = new TreeSet<>(recurrence.daysOfWeek());
        if (days.isEmpty()) {
            days.add(firstDay.getDayOfWeek());
        }
        int everyWeeks = Math.max(1, recurrence.everyWeeks());
        LocalDate firstMonday = firstDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Instant> starts = new ArrayList<>();
        int counted = 0;
        for (int week = 0; week <= MAX_WEEKS; week += everyWeeks) {
            LocalDate monday = firstMonday.plusWeeks(week);
            for (DayOfWeek day : days) {
                LocalDate date = monday.plusDays(day.getValue() - 1L);
                if (date.isBefore(firstDay)) {
                    continue;
                }
                if (recurrence.until() != null && date.isAfter(recurrence.until())) {
                    return starts;
                }
                counted++;
                if (recurrence.count() != null && counted > recurrence.count()) {
                    return starts;
                }
                Instant start = ZonedDateTime.of(date, time, zone).toInstant();
                if (notAfter != null && start.isAfter(notAfter)) {
                    return starts;
                }
                if (after != null && !start.isAfter(after)) {
                    continue;
                }
                starts.add(start);
                if (starts.size() >= max) {
                    return starts;
                }
            }
        }
        return starts;
    }

    /** The appointment id of the occurrence at {@code start}: the same in every attempt of the same series. */
    static String occurrenceId(String seriesId, Instant start) {
        String name = "series-occurrence\n" + seriesId + "\n" + start;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
