package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A slot was offered to a waitlist entry and is held until {@code expiresAt}. */
@Revision("1")
public record OfferMadeEvent(String offerId, String practiceId, String entryId, String patientId, String serviceId,
                             String providerId, Instant start, Instant end, Instant blockedUntil, Instant expiresAt,
                             OfferReason reason) {
}
