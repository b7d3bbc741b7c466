package com.practicescheduler.api.waitlist;

import org.axonframework.serialization.Revision;

/** An entry was taken off the waitlist. */
@Revision("1")
public record WaitlistEntryRemovedEvent(String entryId, String practiceId) {
}
