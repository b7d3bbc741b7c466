package com.practicescheduler.api.waitlist;

import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.RoutingKey;

/**
 * Offers the slot of {@code providerId} at {@code start} to several waiting entries at once ({@code BROADCAST}),
 * under one hold {@code holdId}: the first to accept books it, the others' offers are withdrawn.
 */
public record MakeBroadcastOfferCommand(String holdId, String practiceId, @RoutingKey String providerId,
                                        Instant start, List<Member> members) {

    /** One entry the slot is offered to, with its own offer id and the reason it was chosen. */
    public record Member(String offerId, String entryId, OfferReason reason) {
    }
}
