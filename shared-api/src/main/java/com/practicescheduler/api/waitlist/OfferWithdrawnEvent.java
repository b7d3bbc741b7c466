package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A pending offer was withdrawn: its entry was removed, or another entry accepted the same broadcast slot. The slot
 * [start, blockedUntil) is free again only when the offer's hold is released (an event of its own).
 *
 * @param reason why, in words staff read (null in events stored before reasons: the entry was removed)
 */
@Revision("1")
public record OfferWithdrawnEvent(String offerId, String practiceId, String entryId, String providerId,
                                  Instant start, Instant blockedUntil, String reason) {

    public static final String ENTRY_REMOVED = "the waitlist entry was removed";
    public static final String SLOT_TAKEN = "the slot was taken: another patient offered it at the same time accepted first";

    public OfferWithdrawnEvent {
        if (reason == null) {
            reason = ENTRY_REMOVED;
        }
    }
}
