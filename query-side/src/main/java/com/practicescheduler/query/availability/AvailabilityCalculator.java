package com.practicescheduler.query.availability;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Free slots: every start on the practice's grid (local minute-of-day a multiple of the slot length) where the
 * service plus its buffer fits inside a provider's working hours, overlaps neither time off nor blocked time
 * (appointments with their buffers, holds), is not in the past and is within the booking horizon. The grid and
 * working hours are local time, so slots stay at the same wall-clock times across daylight-saving changes.
 */
final class AvailabilityCalculator {

    private AvailabilityCalculator() {
    }

    /** What one provider's free time depends on. */
    record ProviderTime(String providerId, List<WeeklyInterval> weekly, List<TimeRange> unavailable) {
    }

    record Slot(String providerId, Instant start, Instant end) {
    }

    /**
     * @param dates    the local dates to look at, in order
     * @param duration the service's length
     * @param buffer   the time after the service the provider stays blocked
     */
    static List<Slot> slots(List<ProviderTime> providers, List<LocalDate> dates, ZoneId zone, int slotMinutes,
                            Duration duration, Duration buffer, Instant now, Instant horizon) {
        List<Slot> slots = new ArrayList<>();
        for (ProviderTime provider : providers) {
            Unavailable unavailable = new Unavailable(provider.unavailable());
            for (LocalDate date : dates) {
                for (TimeRange working : WeeklyInterval.rangesOn(provider.weekly(), date, zone)) {
                    addSlots(slots, provider.providerId(), unavailable, date, working, zone, slotMinutes, duration,
                            buffer, now, horizon);
                }
            }
        }
        slots.sort(Comparator.comparing(Slot::start).thenComparing(Slot::providerId));
        return slots;
    }

    private static void addSlots(List<Slot> slots, String providerId, Unavailable unavailable, LocalDate date,
                                 TimeRange working, ZoneId zone, int slotMinutes, Duration duration, Duration buffer,
                                 Instant now, Instant horizon) {
        LocalTime firstLocal = working.start().atZone(zone).toLocalTime();
        int minute = firstLocal.getHour() * 60 + firstLocal.getMinute() + (firstLocal.getSecond() > 0 ? 1 : 0);
        int aligned = ((minute + slotMinutes - 1) / slotMinutes) * slotMinutes;
        for (int m = aligned; m < 24 * 60; m += slotMinutes) {
            LocalDateTime local = LocalDateTime.of(date, LocalTime.of(m / 60, m % 60));
            ZonedDateTime zoned = local.atZone(zone);
            if (!zoned.toLocalDateTime().equals(local)) {
                continue; // this local time does not exist today (clocks went forward): it would repeat a later slot
            }
            Instant start = zoned.toInstant();
            Instant blockedUntil = start.plus(duration).plus(buffer);
            if (blockedUntil.isAfter(working.end())) {
                break;
            }
            if (start.isBefore(working.start()) || start.isBefore(now) || start.isAfter(horizon)) {
                continue;
            }
            if (!unavailable.overlaps(start, blockedUntil)) {
                slots.add(new Slot(providerId, start, start.plus(duration)));
            }
        }
    }

    /**
     * A provider's unavailable time, sorted by start with the latest end so far beside each: whether [from, to)
     * meets any of it is one binary search (the ranges starting before {@code to}) and one comparison (does the
     * latest of their ends reach past {@code from}), not a pass over every range for every candidate start.
     */
    static final class Unavailable {

        private final Instant[] starts;
        private final Instant[] latestEnds;

        Unavailable(List<TimeRange> ranges) {
            List<TimeRange> sorted = ranges.stream().sorted(Comparator.comparing(TimeRange::start)).toList();
            starts = new Instant[sorted.size()];
            latestEnds = new Instant[sorted.size()];
            Instant latest = Instant.MIN;
            for (int i = 0; i < sorted.size(); i++) {
                starts[i] = sorted.get(i).start();
                latest = sorted.get(i).end().isAfter(latest) ? sorted.get(i).end() : latest;
                latestEnds[i] = latest;
            }
        }

        boolean overlaps(Instant from, Instant to) {
            int low = 0;
            int high = starts.length; // the first range that starts at or after "to" is at index low, when done
            while (low < high) {
                int middle = (low + high) >>> 1;
                if (starts[middle].isBefore(to)) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low > 0 && latestEnds[low - 1].isAfter(from);
        }
    }
}
