package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An offer was declined; its slot [start, blockedUntil) of {@code providerId} is free again. */
@Revision("1")
public record OfferDeclinedEvent(String offerId, String practiceId, String entryId, String providerId,
                                 Instant start, Instant blockedUntil) {
}
