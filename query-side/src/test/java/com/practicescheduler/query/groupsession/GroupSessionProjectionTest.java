package com.practicescheduler.query.groupsession;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.groupsession.ParticipantEnrolledEvent;
import com.practicescheduler.api.groupsession.SeatFreedEvent;
import com.practicescheduler.api.groupsession.SeatHeldEvent;
import com.practicescheduler.api.groupsession.SeatHoldReleasedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.query.ProcessorBatch;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.appointment.AppointmentProjection.BlockedTime;
import com.practicescheduler.query.groupsession.GroupSessionProjection.Session;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The group-session read model against a real PostgreSQL with the real migrations. */
class GroupSessionProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final String DR_A = "dr-a";
    private static final Instant MONDAY_9 = Instant.parse("2027-06-07T13:00:00Z");
    private static final Instant DAY_START = Instant.parse("2027-06-07T04:00:00Z");
    private static final Instant DAY_END = Instant.parse("2027-06-08T04:00:00Z");
    private static final GroupSessionScheduledEvent SCHEDULED = new GroupSessionScheduledEvent("session-1", PRACTICE,
            DR_A, "group", MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(90)), MONDAY_9.plus(Duration.ofMinutes(105)), 2);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    /** The read model's clock: the Friday before the session. */
    private static final Instant NOW = Instant.parse("2027-06-04T15:00:00Z");
    private static final GroupSessionProjection sessions =
            new GroupSessionProjection(db.named(), new BatchedWrites(db.named()), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aScheduledSessionHoldsItsProvidersTimeOnceBufferIncluded() {
        sessions.on(SCHEDULED);
        sessions.on(SCHEDULED);

        assertThat(db.count("group_session_view")).isEqualTo(1);
        assertThat(sessions.blockedTime(List.of(DR_A), DAY_START, DAY_END)).containsExactly(
                new BlockedTime(DR_A, new TimeRange(MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(105)))));
        Session session = sessions.session(PRACTICE, "session-1").orElseThrow();
        assertThat(session.capacity()).isEqualTo(2);
        assertThat(session.seatsTaken()).isZero();
        assertThat(session.status()).isEqualTo(GroupSessionStatus.SCHEDULED);
        assertThat(sessions.session("practice-2", "session-1")).isEmpty();
    }

    @Test
    void seatsTakenAndFreedAreCountedAndAFullSessionIsNotListedAsHavingSeats() {
        sessions.on(SCHEDULED);
        sessions.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-1", "patient-1", 1));
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END))
                .extracting(Session::id, Session::seatsLeft).containsExactly(org.assertj.core.groups.Tuple.tuple(
                        "session-1", 1));

        sessions.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-2", "patient-2", 2));
        sessions.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-2", "patient-2", 2)); // again
        assertThat(sessions.session(PRACTICE, "session-1").orElseThrow().seatsTaken()).isEqualTo(2);
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END)).isEmpty();

        sessions.on(new SeatFreedEvent("session-1", PRACTICE, "seat-1", "patient-1", 1));
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END))
                .extracting(Session::seatsLeft).containsExactly(1);
    }

    @Test
    void seatsHeldForOffersAreNotLeftUntilReleasedOrExpired() {
        sessions.on(SCHEDULED);
        sessions.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-1", "patient-1", 1));
        sessions.on(new SeatHeldEvent("session-1", PRACTICE, "offer-1", "entry-1", "patient-2",
                NOW.plus(Duration.ofHours(2))));
        sessions.on(new SeatHeldEvent("session-1", PRACTICE, "offer-1", "entry-1", "patient-2",
                NOW.plus(Duration.ofHours(2)))); // again

        Session held = sessions.session(PRACTICE, "session-1").orElseThrow();
        assertThat(held.seatsHeld()).isEqualTo(1);
        assertThat(held.seatsLeft()).isZero();
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END))
                .as("the last seat is held for an offer").isEmpty();

        sessions.on(new SeatHoldReleasedEvent("session-1", PRACTICE, "offer-1", false));
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END))
                .extracting(Session::seatsLeft).containsExactly(1);

        // a hold past its expiry holds nothing, released or not
        sessions.on(new SeatHeldEvent("session-1", PRACTICE, "offer-2", "entry-2", "patient-3",
                NOW.minus(Duration.ofMinutes(1))));
        assertThat(sessions.session(PRACTICE, "session-1").orElseThrow().seatsLeft()).isEqualTo(1);
    }

    @Test
    void aCancelledSessionHoldsNoTimeAndNoSeats() {
        sessions.on(SCHEDULED);
        sessions.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-1", "patient-1", 1));
        sessions.on(new SeatHeldEvent("session-1", PRACTICE, "offer-1", "entry-1", "patient-2",
                NOW.plus(Duration.ofHours(2))));
        sessions.on(new GroupSessionCancelledEvent("session-1", PRACTICE, DR_A, CancellationReason.PRACTICE));

        assertThat(sessions.blockedTime(List.of(DR_A), DAY_START, DAY_END)).isEmpty();
        assertThat(sessions.withSeatsLeft(PRACTICE, "group", List.of(DR_A), DAY_START, DAY_END)).isEmpty();
        Session session = sessions.session(PRACTICE, "session-1").orElseThrow();
        assertThat(session.status()).isEqualTo(GroupSessionStatus.CANCELLED);
        assertThat(session.seatsTaken()).isZero();
        assertThat(session.seatsHeld()).isZero();
        assertThat(session.cancellationReason()).isEqualTo("PRACTICE");
    }

    @Test
    void aBatchOfEventsBuildsTheSameSessionsAsTheEventsOneAtATime() {
        List<Consumer<GroupSessionProjection>> history = List.of(
                p -> p.on(SCHEDULED),
                p -> p.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-1", "patient-1", 1)),
                p -> p.on(new ParticipantEnrolledEvent("session-1", PRACTICE, "seat-2", "patient-2", 2)),
                p -> p.on(new SeatFreedEvent("session-1", PRACTICE, "seat-1", "patient-1", 1)),
                p -> p.on(new SeatHeldEvent("session-1", PRACTICE, "offer-1", "entry-1", "patient-3",
                        NOW.plus(Duration.ofHours(2)))),
                p -> p.on(new SeatHeldEvent("session-1", PRACTICE, "offer-2", "entry-2", "patient-4",
                        NOW.plus(Duration.ofHours(2)))),
                p -> p.on(new SeatHoldReleasedEvent("session-1", PRACTICE, "offer-1", true)),
                p -> p.on(SCHEDULED), // delivered again
                p -> p.on(new GroupSessionCancelledEvent("session-1", PRACTICE, DR_A, CancellationReason.OTHER)));
        history.forEach(event -> event.accept(sessions));
        List<String> oneAtATime = db.rows("group_session_view");
        List<String> holdsOneAtATime = db.rows("group_session_seat_hold");
        sessions.reset();

        ProcessorBatch.run(sessions, history);

        assertThat(db.rows("group_session_view")).isEqualTo(oneAtATime);
        assertThat(db.rows("group_session_seat_hold")).isEqualTo(holdsOneAtATime);
    }
}
