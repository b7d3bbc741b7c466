package com.practicescheduler.command.appointment;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesEndedEvent;
import com.practicescheduler.api.series.SeriesExtendedEvent;
import com.practicescheduler.api.series.SeriesOccurrence;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SkippedOccurrence;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The series aggregate: what it records; its occurrences' time is decided by the provider's schedule. */
class AppointmentSeriesAggregateTest {

    private static final String SERIES = "series-1";
    private static final String PRACTICE = "practice-1";
    private static final Instant FIRST = Instant.parse("2027-03-02T22:00:00Z");
    private static final Instant SECOND = FIRST.plus(Duration.ofDays(7));
    private static final SeriesBookedEvent BOOKED = new SeriesBookedEvent(SERIES, PRACTICE, "patient-1", "dr-a",
            "therapy", FIRST, new Recurrence(1, List.of(), null, null), "America/New_York",
            List.of(new SeriesOccurrence("appt-1", FIRST, FIRST.plus(Duration.ofMinutes(50)))),
            List.of(new SkippedOccurrence(SECOND, "time-off")), SECOND, null);

    private FixtureConfiguration<AppointmentSeries> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AppointmentSeries.class);
    }

    @Test
    void bookingRecordsTheSeriesWithWhatItBookedAndSkipped() {
        fixture.givenNoPriorActivity()
                .whenConstructing(() -> new AppointmentSeries(BOOKED))
                .expectEvents(BOOKED);
    }

    @Test
    void anExtensionRecordsWhatItBookedAndSkippedAndNothingWhenItConsideredNothing() {
        Instant third = SECOND.plus(Duration.ofDays(7));
        List<SeriesOccurrence> booked = List.of(new SeriesOccurrence("appt-3", third,
                third.plus(Duration.ofMinutes(50))));
        fixture.given(BOOKED)
                .whenInvoking(SERIES, series -> series.extend(booked, List.of(), third))
                .expectEvents(new SeriesExtendedEvent(SERIES, PRACTICE, "patient-1", booked, List.of(), third));
        fixture.given(BOOKED)
                .whenInvoking(SERIES, series -> series.extend(List.of(), List.of(), third))
                .expectNoEvents();
    }

    @Test
    void endingIsEndedWhenOccurrencesAreLeftAndCancelledWhenNone() {
        fixture.given(BOOKED)
                .whenInvoking(SERIES, series -> series.end(true, SECOND))
                .expectEvents(new SeriesEndedEvent(SERIES, PRACTICE, "patient-1", SeriesStatus.ENDED, SECOND));
        fixture.given(BOOKED)
                .whenInvoking(SERIES, series -> series.end(false, FIRST))
                .expectEvents(new SeriesEndedEvent(SERIES, PRACTICE, "patient-1", SeriesStatus.CANCELLED, FIRST));
    }

    @Test
    void anEndedSeriesNeitherEndsAgainNorExtends() {
        fixture.given(BOOKED, new SeriesEndedEvent(SERIES, PRACTICE, "patient-1", SeriesStatus.ENDED, SECOND))
                .whenInvoking(SERIES, series -> series.end(false, SECOND))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                .expectNoEvents();
        fixture.given(BOOKED, new SeriesEndedEvent(SERIES, PRACTICE, "patient-1", SeriesStatus.CANCELLED, SECOND))
                .whenInvoking(SERIES, series -> series.extend(List.of(), List.of(new SkippedOccurrence(SECOND,
                        "time-off")), SECOND))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void anotherPracticeFindsNoSuchSeries() {
        fixture.given(BOOKED)
                .whenInvoking(SERIES, series -> series.requirePractice("practice-2"))
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }
}
