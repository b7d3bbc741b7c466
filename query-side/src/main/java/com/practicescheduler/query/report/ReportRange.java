package com.practicescheduler.query.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

/** A report's dates, {@code from} to {@code to} inclusive, in the practice's time zone. */
record ReportRange(LocalDate from, LocalDate to, ZoneId zone) {

    /** The first instant of {@code from}. */
    Instant start() {
        return from.atStartOfDay(zone).toInstant();
    }

    /** The first instant after {@code to}. */
    Instant end() {
        return to.plusDays(1).atStartOfDay(zone).toInstant();
    }

    List<LocalDate> days() {
        return from.datesUntil(to.plusDays(1)).toList();
    }

    /** The date of {@code instant} in the practice's time zone. */
    LocalDate dateOf(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }

    /** A week, Monday to Sunday, cut to the range. */
    record Week(LocalDate from, LocalDate to) {
    }

    List<Week> weeks() {
        List<Week> weeks = new ArrayList<>();
        LocalDate monday = from.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        for (; !monday.isAfter(to); monday = monday.plusWeeks(1)) {
            LocalDate sunday = monday.plusDays(6);
            weeks.add(new Week(monday.isBefore(from) ? from : monday, sunday.isAfter(to) ? to : sunday));
        }
        return weeks;
    }
}
