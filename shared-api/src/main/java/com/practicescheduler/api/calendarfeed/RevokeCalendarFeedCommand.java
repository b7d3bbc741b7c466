package com.practicescheduler.api.calendarfeed;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Revokes a provider's calendar feed: its URL answers 404 from then on. */
public record RevokeCalendarFeedCommand(String calendarFeedId, String practiceId, String providerId,
                                        Instant revokedAt) {

    /** The provider's feeds are one aggregate: its id. */
    @TargetAggregateIdentifier
    public String feedsId() {
        return CalendarFeeds.aggregateId(providerId);
    }
}
