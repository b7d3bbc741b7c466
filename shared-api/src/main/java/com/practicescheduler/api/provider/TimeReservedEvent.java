package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider's time [start, blockedUntil) was reserved, buffer included, in the provider's schedule.
 *
 * @param reservationId the appointment (or hold) that owns the reservation
 */
@Revision("1")
public record TimeReservedEvent(String providerId, String practiceId, String reservationId, Instant start,
                                Instant blockedUntil) {
}
