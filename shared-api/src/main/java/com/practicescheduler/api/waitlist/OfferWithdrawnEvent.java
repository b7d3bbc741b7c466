package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A pending offer was withdrawn: its entry was removed, another entry accepted the same broadcast slot, or the group
 * session whose seat it offered was cancelled. The slot
 * [start, blockedUntil) is free again only when the offer's hold is released (an event of its own).
 *
 * @param reason why, in words staff read (null in events stored before reasons: the entry was removed)
 */
@Revision("1")
public record OfferWithdrawnEvent(String offerId, String practiceId, String entryId, String providerId,
                                  Instant start, Instant blockedUntil, String reason) {

    public static final String ENTRY_REMOVED = "the waitlist entry was removed";
    public static final String SLOT_TAKEN = "the slot was taken: another patient offered it at the same time accepted first";
    public static final String SESSION_CANCELLED = "the group session was cancelled";

    public OfferWithdrawnEvent {
        if (reason == null) {
            reason = ENTRY_REMOVED;
        }
    }
}
