package com.practicescheduler.api.calendarfeed;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A calendar feed was revoked: its URL serves nothing from then on. */
@Revision("1")
public record CalendarFeedRevokedEvent(String calendarFeedId, String practiceId, String providerId,
                                       Instant revokedAt) {
}
