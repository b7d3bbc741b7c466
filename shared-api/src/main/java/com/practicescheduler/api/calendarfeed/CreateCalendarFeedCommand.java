package com.practicescheduler.api.calendarfeed;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Creates a calendar feed of a provider.
 *
 * @param tokenHash the hex SHA-256 of the feed's token (the token itself is shown once and kept nowhere)
 * @param createdAt when, on the application's clock
 */
public record CreateCalendarFeedCommand(String calendarFeedId, String practiceId, String providerId,
                                        String tokenHash, Instant createdAt) {

    /** The provider's feeds are one aggregate: its id. */
    @TargetAggregateIdentifier
    public String feedsId() {
        return CalendarFeeds.aggregateId(providerId);
    }
}
