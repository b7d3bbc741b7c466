package com.practicescheduler.command.provider;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * When a provider's time may be booked, checked in this order: not in the past, within the booking horizon,
 * a service the provider offers, inside working hours (buffer included, local time of the practice), outside
 * time off, and not overlapping another reservation — each with its own error code.
 */
final class BookingPolicy {

    private BookingPolicy() {
    }

    /**
     * @param serviceIds   the services the provider offers; empty means all
     * @param reservations the provider's reservations by id, each as the time it blocks
     * @param ignoring     a reservation to disregard (the one a reschedule replaces), or null
     */
    static void check(BookingRequest request, PracticeSettings settings, Instant now, Set<String> serviceIds,
                      List<WeeklyInterval> weekly, Collection<TimeRange> timeOff,
                      Map<String, TimeRange> reservations, String ignoring) {
        check(request, settings, now, serviceIds, weekly, timeOff, blocked -> reservations.entrySet().stream()
                .anyMatch(entry -> !entry.getKey().equals(ignoring) && entry.getValue().overlaps(blocked)));
    }

    /**
     * As above, with the overlap check left to the caller: {@code taken} answers whether another reservation
     * overlaps the time a request blocks.
     */
    static void check(BookingRequest request, PracticeSettings settings, Instant now, Set<String> serviceIds,
                      List<WeeklyInterval> weekly, Collection<TimeRange> timeOff, Predicate<TimeRange> taken) {
        if (request.start().isBefore(now)) {
            throw new Refusal(ErrorCode.IN_THE_PAST, "The start is in the past");
        }
        if (request.start().isAfter(now.plus(Duration.ofDays(settings.bookingHorizonDays())))) {
            throw new Refusal(ErrorCode.BEYOND_HORIZON,
                    "The start is more than " + settings.bookingHorizonDays() + " days ahead");
        }
        if (!serviceIds.isEmpty() && !serviceIds.contains(request.service().serviceId())) {
            throw new Refusal(ErrorCode.SERVICE_NOT_OFFERED, "The provider does not offer this service");
        }
        TimeRange blocked = request.blocked();
        if (!insideWorkingHours(blocked, weekly, ZoneId.of(settings.timeZone()))) {
            throw new Refusal(ErrorCode.OUTSIDE_WORKING_HOURS,
                    "The appointment and its buffer do not fit inside the provider's working hours");
        }
        if (timeOff.stream().anyMatch(blocked::overlaps)) {
            throw new Refusal(ErrorCode.TIME_OFF, "The provider is off at that time");
        }
        if (taken.test(blocked)) {
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE,
                    "The provider already has an appointment or hold at that time");
        }
    }

    static boolean insideWorkingHours(TimeRange blocked, List<WeeklyInterval> weekly, ZoneId zone) {
        return WeeklyInterval.rangesOn(weekly, blocked.start().atZone(zone).toLocalDate(), zone).stream()
                .anyMatch(range -> range.contains(blocked));
    }
}
