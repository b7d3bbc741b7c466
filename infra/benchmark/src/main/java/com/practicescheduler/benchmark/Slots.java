package com.practicescheduler.benchmark;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one slot ledger every phase shares, so that bookings never collide by accident: each slot (provider, weekday,
 * half hour of 09:00–17:00 in the next {@link #DAYS} days) is handed out once, going round the providers. When they
 * are all handed out the run stops rather than booking taken slots (which would read as a wave of conflicts).
 */
final class Slots {

    /** A slot: provider, day and start. */
    record Slot(String providerId, LocalDate day, OffsetDateTime start) {
    }

    /** Bookings are of a 30-minute service without buffer, so a 09:00–17:00 day holds 16 of them. */
    private static final int SLOTS_PER_DAY = 16;
    /** Within the booking horizon the benchmark's practice sets ({@link Practice}: 730 days). */
    static final int DAYS = 720;

    private final Practice practice;
    private final AtomicLong next = new AtomicLong();
    private final List<LocalDate> days = new ArrayList<>();

    Slots(Practice practice) {
        this.practice = practice;
        LocalDate day = LocalDate.now(practice.zone()).plusDays(2);
        for (int i = 0; i < DAYS; i++, day = day.plusDays(1)) {
            if (day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY) {
                days.add(day);
            }
        }
    }

    /** A slot never handed out before. */
    Slot fresh() {
        long n = next.getAndIncrement();
        int providers = practice.providerIds().size();
        String provider = practice.providerIds().get((int) (n % providers));
        long index = n / providers;
        if (index / SLOTS_PER_DAY >= days.size()) {
            throw new IllegalStateException("All " + (long) days.size() * SLOTS_PER_DAY * providers
                    + " free slots of the next " + DAYS + " days are booked: measure for less time");
        }
        LocalDate day = days.get((int) (index / SLOTS_PER_DAY));
        OffsetDateTime start = day.atTime(LocalTime.of(9, 0).plusMinutes(30 * (index % SLOTS_PER_DAY)))
                .atZone(practice.zone()).toOffsetDateTime();
        return new Slot(provider, day, start);
    }

    /** The weekdays slots are handed out on, in order. */
    List<LocalDate> days() {
        return days;
    }
}
