package com.practicescheduler.api.calendarfeed;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A calendar feed of a provider was created; {@code tokenHash} is the hex SHA-256 of its URL's token. */
@Revision("1")
public record CalendarFeedCreatedEvent(String calendarFeedId, String practiceId, String providerId,
                                       String tokenHash, Instant createdAt) {
}
