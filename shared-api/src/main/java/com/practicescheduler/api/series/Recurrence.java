package com.practicescheduler.api.series;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;

/**
 * How a series repeats: every {@code everyWeeks} weeks on each of {@code daysOfWeek} (the start's weekday when
 * empty), at the start's local time in the practice's zone, ending after {@code count} occurrences or on
 * {@code until} (inclusive, a local date), whichever comes first; open-ended when both are null.
 */
public record Recurrence(int everyWeeks, List<DayOfWeek> daysOfWeek, Integer count, LocalDate until) {

    public Recurrence {
        daysOfWeek = daysOfWeek == null ? List.of() : List.copyOf(daysOfWeek);
    }

    public boolean openEnded() {
        return count == null && until == null;
    }
}
