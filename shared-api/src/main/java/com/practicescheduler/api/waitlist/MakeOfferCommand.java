package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.commandhandling.RoutingKey;

/** Offers a waiting entry the slot of {@code providerId} at {@code start}, holding it for the practice's hold. */
public record MakeOfferCommand(String offerId, String practiceId, String entryId, @RoutingKey String providerId,
                               Instant start, OfferReason reason) {
}
