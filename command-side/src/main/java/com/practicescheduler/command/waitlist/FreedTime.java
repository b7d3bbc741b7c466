package com.practicescheduler.command.waitlist;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** Time that became available when a provider's weekly hours changed. */
final class FreedTime {

    private FreedTime() {
    }

    /** The working time {@code after} has and {@code before} had not, on each date from {@code from} to {@code to}. */
    static List<TimeRange> addedHours(List<WeeklyInterval> before, List<WeeklyInterval> after, ZoneId zone,
                                      LocalDate from, LocalDate to) {
        List<TimeRange> added = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            List<TimeRange> old = WeeklyInterval.rangesOn(before, date, zone);
            for (TimeRange range : WeeklyInterval.rangesOn(after, date, zone)) {
                added.addAll(minus(range, old));
            }
        }
        return added;
    }

    /** What of {@code range} none of {@code others} covers. */
    static List<TimeRange> minus(TimeRange range, List<TimeRange> others) {
        List<TimeRange> pieces = List.of(range);
        for (TimeRange other : others) {
            List<TimeRange> next = new ArrayList<>();
            for (TimeRange piece : pieces) {
                if (!piece.overlaps(other)) {
                    next.add(piece);
                    continue;
                }
                if (piece.start().isBefore(other.start())) {
                    next.add(new TimeRange(piece.start(), other.start()));
                }
                if (other.end().isBefore(piece.end())) {
                    next.add(new TimeRange(other.end(), piece.end()));
                }
            }
            pieces = next;
        }
        return pieces;
    }
}
