package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A provider's time [start, blockedUntil) was reserved, buffer included, in the provider's schedule.
 *
 * @param reservationId the appointment (or hold) that owns the reservation
 * @param decidedAt     the instant the booking rules were checked against (the application's clock). The schedule
 *                      forgets reservations that ended well before it, so what it remembers never depends on which
 *                      clock stamped the event. Null in revision 1 events, which fall back to their timestamp.
 */
@Revision("2")
public record TimeReservedEvent(String providerId, String practiceId, String reservationId, Instant start,
                                Instant blockedUntil, Instant decidedAt) {
}
