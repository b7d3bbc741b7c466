package com.practicescheduler.api.waitlist;

import org.axonframework.serialization.Revision;

/** An entry's offer was declined; the entry waits again. */
@Revision("1")
public record WaitlistEntryReturnedEvent(String entryId, String practiceId, String offerId) {
}
