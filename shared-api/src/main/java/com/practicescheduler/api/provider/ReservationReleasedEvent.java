package com.practicescheduler.api.provider;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A reservation was released; [start, blockedUntil) is free again unless something else holds it. */
@Revision("1")
public record ReservationReleasedEvent(String providerId, String practiceId, String reservationId, Instant start,
                                       Instant blockedUntil) {
}
