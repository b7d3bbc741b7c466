package com.practicescheduler.command.calendarfeed;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.calendarfeed.CalendarFeedCreatedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeedRevokedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeeds;
import com.practicescheduler.api.calendarfeed.CreateCalendarFeedCommand;
import com.practicescheduler.api.calendarfeed.RevokeCalendarFeedCommand;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.util.HashSet;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * The calendar feeds of one provider: which are live, so that a provider has at most
 * {@value CalendarFeeds#MAX_PER_PROVIDER} and a revoked or unknown feed cannot be revoked. Exists from the
 * provider's first feed. Holds no token: only the events carry the token's hash, for the query side.
 */
@Aggregate
public class ProviderCalendarFeeds {

    @AggregateIdentifier
    private String feedsId;
    private String practiceId;
    private final Set<String> live = new HashSet<>();

    protected ProviderCalendarFeeds() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(CreateCalendarFeedCommand command) {
        if (practiceId != null && !practiceId.equals(command.practiceId())) {
            throw Refusal.notFound("Provider " + command.providerId());
        }
        if (live.size() >= CalendarFeeds.MAX_PER_PROVIDER) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "a provider has at most "
                    + CalendarFeeds.MAX_PER_PROVIDER + " calendar feeds; revoke one first");
        }
        apply(new CalendarFeedCreatedEvent(command.calendarFeedId(), command.practiceId(), command.providerId(),
                command.tokenHash(), command.createdAt()));
        return command.calendarFeedId();
    }

    @CommandHandler
    void handle(RevokeCalendarFeedCommand command) {
        if (!practiceId.equals(command.practiceId()) || !live.contains(command.calendarFeedId())) {
            throw Refusal.notFound("Calendar feed " + command.calendarFeedId());
        }
        apply(new CalendarFeedRevokedEvent(command.calendarFeedId(), command.practiceId(), command.providerId(),
                command.revokedAt()));
    }

    @EventSourcingHandler
    void on(CalendarFeedCreatedEvent event) {
        feedsId = CalendarFeeds.aggregateId(event.providerId());
        practiceId = event.practiceId();
        live.add(event.calendarFeedId());
    }

    @EventSourcingHandler
    void on(CalendarFeedRevokedEvent event) {
        live.remove(event.calendarFeedId());
    }
}
