package com.practicescheduler.command.provider;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.platform.Port;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A copy of one provider's time as of its latest event, for looking for free slots without locking the
 * {@link ProviderSchedule}. It answers with the schedule's own rules ({@link BookingPolicy}); the schedule still
 * decides when a reservation is actually made.
 *
 * @param holdExpiry the reservations that are waitlist holds, with the instant each stops blocking
 */
@Port("what ScheduleReader answers")
public record ScheduleView(String practiceId, Set<String> serviceIds, List<WeeklyInterval> weekly,
                           List<TimeRange> timeOff, Map<String, TimeRange> reservations,
                           Map<String, Instant> holdExpiry) {

    public ScheduleView {
        serviceIds = Set.copyOf(serviceIds);
        weekly = List.copyOf(weekly);
        timeOff = List.copyOf(timeOff);
        reservations = Map.copyOf(reservations);
        holdExpiry = Map.copyOf(holdExpiry);
    }

    /** Whether the provider offers the service (one registered with no services offers all). */
    public boolean offers(String serviceId) {
        return serviceIds.isEmpty() || serviceIds.contains(serviceId);
    }

    /** Whether {@code request} could be reserved at {@code now}. */
    public boolean allows(BookingRequest request, PracticeSettings settings, Instant now) {
        return refusalFor(request, settings, now) == null;
    }

    /** Why {@code request} could not be reserved at {@code now}, or null if it could. */
    public ErrorCode refusalFor(BookingRequest request, PracticeSettings settings, Instant now) {
        try {
            BookingPolicy.check(request, settings, now, serviceIds, weekly, timeOff,
                    active(reservations, holdExpiry, now), null);
            return null;
        } catch (Refusal refused) {
            return refused.code();
        }
    }

    /** Reservations that block time at {@code now}: every appointment, and holds not yet expired. */
    static Map<String, TimeRange> active(Map<String, TimeRange> reservations, Map<String, Instant> holdExpiry,
                                         Instant now) {
        if (holdExpiry.isEmpty()) {
            return reservations;
        }
        Map<String, TimeRange> active = new HashMap<>(reservations);
        holdExpiry.forEach((holdId, expiresAt) -> {
            if (!now.isBefore(expiresAt)) {
                active.remove(holdId);
            }
        });
        return active;
    }
}
