package com.practicescheduler.api.practice;

import java.time.LocalTime;

/**
 * Local times (in the practice's zone) between which no message goes out; a message due then waits for
 * {@code end}. {@code start} after {@code end} spans midnight (20:00–08:00).
 */
public record QuietHours(LocalTime start, LocalTime end) {

    /** Whether {@code time} falls inside the quiet hours. */
    public boolean contains(LocalTime time) {
        if (start.equals(end)) {
            return false;
        }
        return start.isBefore(end)
                ? !time.isBefore(start) && time.isBefore(end)
                : !time.isBefore(start) || time.isBefore(end);
    }
}
