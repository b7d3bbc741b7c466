package com.practicescheduler.api.waitlist;

import org.axonframework.commandhandling.RoutingKey;

/**
 * Offers a waiting entry of a group service a seat in the group session {@code groupSessionId}, holding the seat for
 * the practice's hold (never past the session's start).
 */
public record MakeSeatOfferCommand(String offerId, String practiceId, String entryId, @RoutingKey String groupSessionId,
                                   OfferReason reason) {
}
