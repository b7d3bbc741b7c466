package com.practicescheduler.command.groupsession;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;

import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.groupsession.GroupSessionSummary;
import com.practicescheduler.api.groupsession.ParticipantEnrolledEvent;
import com.practicescheduler.api.groupsession.SeatFreedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A group session's seats: never more than its capacity, one per patient, none once it is cancelled or begun. */
class GroupSessionTest {

    private static final String SESSION = "session-1";
    private static final String PRACTICE = "practice-1";
    private static final Instant START = Instant.parse("2027-03-09T14:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(90));
    private static final Instant BEFORE = START.minus(Duration.ofDays(1));
    private static final GroupSessionScheduledEvent SCHEDULED = new GroupSessionScheduledEvent(SESSION, PRACTICE,
            "provider-1", "group-service", START, END, END.plus(Duration.ofMinutes(15)), 2);

    private AggregateTestFixture<GroupSession> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(GroupSession.class);
    }

    private static ParticipantEnrolledEvent enrolled(String appointmentId, String patientId, int seatsTaken) {
        return new ParticipantEnrolledEvent(SESSION, PRACTICE, appointmentId, patientId, seatsTaken);
    }

    @Test
    void aPatientTakesASeatAndTheSessionCountsIt() {
        fixture.given(SCHEDULED)
                .whenInvoking(SESSION, s -> s.enrol("appointment-1", "patient-1", BEFORE))
                .expectEvents(enrolled("appointment-1", "patient-1", 1));
    }

    @Test
    void refusesASeatWhenEverySeatIsTaken() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), enrolled("appointment-2", "patient-2", 2))
                .whenInvoking(SESSION, s -> s.enrol("appointment-3", "patient-3", BEFORE))
                .expectException(refusedWith(ErrorCode.SESSION_FULL))
                .expectNoEvents();
    }

    @Test
    void refusesASecondSeatForTheSamePatient() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1))
                .whenInvoking(SESSION, s -> s.enrol("appointment-2", "patient-1", BEFORE))
                .expectException(refusedWith(ErrorCode.ALREADY_ENROLLED))
                .expectNoEvents();
    }

    @Test
    void aFreedSeatCanBeTakenAgainEvenByTheSamePatient() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), enrolled("appointment-2", "patient-2", 2),
                        new SeatFreedEvent(SESSION, PRACTICE, "appointment-1", "patient-1", 1))
                .whenInvoking(SESSION, s -> s.enrol("appointment-3", "patient-1", BEFORE))
                .expectEvents(enrolled("appointment-3", "patient-1", 2));
    }

    @Test
    void freeingASeatRecordsItOnceAndFreeingAnUnknownSeatChangesNothing() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1))
                .whenInvoking(SESSION, s -> {
                    s.free("appointment-1");
                    s.free("appointment-1");
                    s.free("appointment-9");
                })
                .expectEvents(new SeatFreedEvent(SESSION, PRACTICE, "appointment-1", "patient-1", 0));
    }

    @Test
    void refusesSeatsOnceTheSessionHasStarted() {
        fixture.given(SCHEDULED)
                .whenInvoking(SESSION, s -> s.enrol("appointment-1", "patient-1", START))
                .expectException(refusedWith(ErrorCode.IN_THE_PAST));
    }

    @Test
    void refusesSeatsInACancelledSession() {
        fixture.given(SCHEDULED, new GroupSessionCancelledEvent(SESSION, PRACTICE, "provider-1",
                        CancellationReason.PRACTICE))
                .whenInvoking(SESSION, s -> s.enrol("appointment-1", "patient-1", BEFORE))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void anotherPracticeFindsNoSession() {
        fixture.given(SCHEDULED)
                .whenInvoking(SESSION, s -> s.requirePractice("practice-2"))
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }

    @Test
    void cancellingNamesTheSeatsToCancelAndLeavesNoSeatTaken() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), enrolled("appointment-2", "patient-2", 2))
                .whenInvoking(SESSION, s -> {
                    List<String> seats = s.cancel(CancellationReason.PROVIDER_UNAVAILABLE);
                    if (!seats.equals(List.of("appointment-1", "appointment-2"))) {
                        throw new AssertionError("seats to cancel: " + seats);
                    }
                    GroupSessionSummary summary = s.summary("UTC");
                    if (summary.status() != GroupSessionStatus.CANCELLED || summary.seatsTaken() != 0) {
                        throw new AssertionError("after cancelling: " + summary);
                    }
                })
                .expectEvents(new GroupSessionCancelledEvent(SESSION, PRACTICE, "provider-1",
                        CancellationReason.PROVIDER_UNAVAILABLE));
    }

    @Test
    void refusesCancellingTwice() {
        fixture.given(SCHEDULED, new GroupSessionCancelledEvent(SESSION, PRACTICE, "provider-1",
                        CancellationReason.PRACTICE))
                .whenInvoking(SESSION, s -> s.cancel(CancellationReason.PRACTICE))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }
}
