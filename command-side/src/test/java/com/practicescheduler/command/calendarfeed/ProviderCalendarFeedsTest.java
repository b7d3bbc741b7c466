package com.practicescheduler.command.calendarfeed;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.calendarfeed.CalendarFeedCreatedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeedRevokedEvent;
import com.practicescheduler.api.calendarfeed.CalendarFeeds;
import com.practicescheduler.api.calendarfeed.CreateCalendarFeedCommand;
import com.practicescheduler.api.calendarfeed.RevokeCalendarFeedCommand;
import com.practicescheduler.api.error.ErrorCode;
import java.time.Instant;
import java.util.stream.IntStream;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A provider's calendar feeds: at most ten live ones, revoked once, never another practice's. */
class ProviderCalendarFeedsTest {

    private static final String PRACTICE = "practice-1";
    private static final String PROVIDER = "provider-1";
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final String HASH = CalendarFeeds.tokenHash("A".repeat(43));

    private AggregateTestFixture<ProviderCalendarFeeds> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(ProviderCalendarFeeds.class);
    }

    private static CalendarFeedCreatedEvent created(String feedId) {
        return new CalendarFeedCreatedEvent(feedId, PRACTICE, PROVIDER, HASH, NOW);
    }

    private static CreateCalendarFeedCommand create(String feedId, String practiceId) {
        return new CreateCalendarFeedCommand(feedId, practiceId, PROVIDER, HASH, NOW);
    }

    @Test
    void theFirstFeedCreatesTheProvidersFeeds() {
        fixture.givenNoPriorActivity()
                .when(create("feed-1", PRACTICE))
                .expectEvents(created("feed-1"))
                .expectResultMessagePayload("feed-1");
    }

    @Test
    void anEleventhLiveFeedIsRefusedUntilOneIsRevoked() {
        Object[] ten = IntStream.range(0, 10).mapToObj(i -> created("feed-" + i)).toArray();
        fixture.given(ten)
                .when(create("feed-10", PRACTICE))
                .expectException(refusedWith(ErrorCode.VALIDATION_FAILED))
                .expectNoEvents();
        fixture.given(ten).andGiven(new CalendarFeedRevokedEvent("feed-3", PRACTICE, PROVIDER, NOW))
                .when(create("feed-10", PRACTICE))
                .expectEvents(created("feed-10"));
    }

    @Test
    void revokesALiveFeedOnce() {
        fixture.given(created("feed-1"))
                .when(new RevokeCalendarFeedCommand("feed-1", PRACTICE, PROVIDER, NOW))
                .expectEvents(new CalendarFeedRevokedEvent("feed-1", PRACTICE, PROVIDER, NOW));
        fixture.given(created("feed-1"), new CalendarFeedRevokedEvent("feed-1", PRACTICE, PROVIDER, NOW))
                .when(new RevokeCalendarFeedCommand("feed-1", PRACTICE, PROVIDER, NOW))
                .expectException(refusedWith(ErrorCode.NOT_FOUND))
                .expectNoEvents();
        fixture.given(created("feed-1"))
                .when(new RevokeCalendarFeedCommand("feed-2", PRACTICE, PROVIDER, NOW))
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }

    @Test
    void anotherPracticeFindsNothing() {
        fixture.given(created("feed-1"))
                .when(new RevokeCalendarFeedCommand("feed-1", "practice-2", PROVIDER, NOW))
                .expectException(refusedWith(ErrorCode.NOT_FOUND))
                .expectNoEvents();
        fixture.given(created("feed-1"))
                .when(create("feed-2", "practice-2"))
                .expectException(refusedWith(ErrorCode.NOT_FOUND))
                .expectNoEvents();
    }

    @Test
    void commandsTravelAsJacksonWithoutTheirRoutingKeyAndKeepIt() {
        JacksonSerializer wire = JacksonSerializer.defaultSerializer();
        CreateCalendarFeedCommand command = create("feed-1", PRACTICE);
        SerializedObject<String> sent = wire.serialize(command, String.class);

        assertThat(sent.getData()).doesNotContain("feedsId");
        CreateCalendarFeedCommand received = wire.deserialize(sent);
        assertThat(received).isEqualTo(command);
        assertThat(received.feedsId()).isEqualTo("calendar-feeds:" + PROVIDER);
    }
}
