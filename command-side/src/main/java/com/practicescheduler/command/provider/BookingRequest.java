package com.practicescheduler.command.provider;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.platform.Port;
import java.time.Instant;

/**
 * A request to reserve a provider's time for an appointment of {@code service} starting at {@code start}.
 *
 * @param reservationId the appointment's id
 */
@Port("what a booking or an offer asks the provider's schedule for")
public record BookingRequest(String reservationId, ServiceTerms service, Instant start) {

    public Instant end() {
        return start.plus(service.duration());
    }

    /** When the provider is free again: the end plus the service's buffer. */
    public Instant blockedUntil() {
        return end().plus(service.buffer());
    }

    /** The time the booking takes from the provider, buffer included. */
    public TimeRange blocked() {
        return new TimeRange(start, blockedUntil());
    }
}
