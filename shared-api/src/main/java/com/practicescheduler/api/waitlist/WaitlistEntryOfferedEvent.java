package com.practicescheduler.api.waitlist;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An entry received offer {@code offerId}, pending until {@code expiresAt}. */
@Revision("1")
public record WaitlistEntryOfferedEvent(String entryId, String practiceId, String offerId, Instant expiresAt) {
}
