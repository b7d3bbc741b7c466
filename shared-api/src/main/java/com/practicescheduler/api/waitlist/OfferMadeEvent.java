package com.practicescheduler.api.waitlist;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * A slot was offered to a waitlist entry and is held until {@code expiresAt}.
 *
 * @param holdId            the reservation in the provider's schedule that holds the slot: the offer's own id, or,
 *                          for a broadcast, the one hold all of its offers share (null in events stored before
 *                          broadcasts: the offer's own id)
 * @param broadcastOfferIds for a broadcast, every offer made for the slot at once, this one included; empty (or
 *                          null, in older events) for an offer made alone
 * @param groupSessionId    for a seat offer, the group session whose seat is held (the hold is in the session, not in
 *                          the provider's schedule; start, end and blockedUntil are the session's); null for time
 */
@Revision("1")
public record OfferMadeEvent(String offerId, String practiceId, String entryId, String patientId, String serviceId,
                             String providerId, Instant start, Instant end, Instant blockedUntil, Instant expiresAt,
                             OfferReason reason, String holdId, List<String> broadcastOfferIds,
                             String groupSessionId) {

    public OfferMadeEvent {
        if (holdId == null) {
            holdId = offerId;
        }
        broadcastOfferIds = broadcastOfferIds == null ? List.of() : List.copyOf(broadcastOfferIds);
    }

    /** An offer made alone, holding the slot under its own id. */
    public OfferMadeEvent(String offerId, String practiceId, String entryId, String patientId, String serviceId,
                          String providerId, Instant start, Instant end, Instant blockedUntil, Instant expiresAt,
                          OfferReason reason) {
        this(offerId, practiceId, entryId, patientId, serviceId, providerId, start, end, blockedUntil, expiresAt,
                reason, offerId, List.of(), null);
    }

    /** One of a broadcast's offers, holding the slot under the hold all of them share. */
    public OfferMadeEvent(String offerId, String practiceId, String entryId, String patientId, String serviceId,
                          String providerId, Instant start, Instant end, Instant blockedUntil, Instant expiresAt,
                          OfferReason reason, String holdId, List<String> broadcastOfferIds) {
        this(offerId, practiceId, entryId, patientId, serviceId, providerId, start, end, blockedUntil, expiresAt,
                reason, holdId, broadcastOfferIds, null);
    }

    /** Whether a seat in a group session was offered rather than time of the provider. */
    public boolean seat() {
        return groupSessionId != null;
    }

    /** Whether the slot was offered to several entries at once under one hold. */
    public boolean broadcast() {
        return !broadcastOfferIds.isEmpty();
    }
}
