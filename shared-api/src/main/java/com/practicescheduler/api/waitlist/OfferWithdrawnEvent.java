package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A pending offer was withdrawn (its entry was removed); its slot [start, blockedUntil) is free again. */
@Revision("1")
public record OfferWithdrawnEvent(String offerId, String practiceId, String entryId, String providerId,
                                  Instant start, Instant blockedUntil) {
}
