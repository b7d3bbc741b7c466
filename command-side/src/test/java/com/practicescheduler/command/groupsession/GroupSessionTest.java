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
import com.practicescheduler.api.groupsession.SeatHeldEvent;
import com.practicescheduler.api.groupsession.SeatHoldReleasedEvent;
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

    private static SeatHeldEvent held(String offerId, String patientId, Instant expiresAt) {
        return new SeatHeldEvent(SESSION, PRACTICE, offerId, "entry-of-" + patientId, patientId, expiresAt);
    }

    private static final Instant HOLD_ENDS = BEFORE.plus(Duration.ofHours(2));

    @Test
    void aSeatIsHeldForAnOfferAndNobodyElseTakesItMeanwhile() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1))
                .whenInvoking(SESSION, s -> s.holdSeat("offer-1", "entry-of-patient-2", "patient-2", HOLD_ENDS,
                        BEFORE))
                .expectEvents(held("offer-1", "patient-2", HOLD_ENDS));

        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), held("offer-1", "patient-2", HOLD_ENDS))
                .whenInvoking(SESSION, s -> s.enrol("appointment-3", "patient-3", BEFORE))
                .expectException(refusedWith(ErrorCode.SESSION_FULL))
                .expectNoEvents();
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), held("offer-1", "patient-2", HOLD_ENDS))
                .whenInvoking(SESSION, s -> s.holdSeat("offer-2", "entry-of-patient-3", "patient-3", HOLD_ENDS,
                        BEFORE))
                .expectException(refusedWith(ErrorCode.SESSION_FULL))
                .expectNoEvents();
    }

    @Test
    void aHoldPastItsExpiryHoldsNothing() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), held("offer-1", "patient-2", HOLD_ENDS))
                .whenInvoking(SESSION, s -> s.enrol("appointment-3", "patient-3", HOLD_ENDS))
                .expectEvents(enrolled("appointment-3", "patient-3", 2));
    }

    @Test
    void noSeatIsHeldForAPatientWhoHasOne() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1))
                .whenInvoking(SESSION, s -> s.holdSeat("offer-1", "entry-of-patient-1", "patient-1", HOLD_ENDS,
                        BEFORE))
                .expectException(refusedWith(ErrorCode.ALREADY_ENROLLED))
                .expectNoEvents();
    }

    @Test
    void anAcceptedOfferTakesTheSeatItHeldEvenWhenTheOthersAreTaken() {
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), held("offer-1", "patient-2", HOLD_ENDS))
                .whenInvoking(SESSION, s -> s.takeHeldSeat("offer-1", "appointment-2", "patient-2", BEFORE))
                .expectEvents(new SeatHoldReleasedEvent(SESSION, PRACTICE, "offer-1", true),
                        enrolled("appointment-2", "patient-2", 2));
    }

    @Test
    void anOfferWhoseHoldIsGoneOrWhoseSessionWasCancelledTakesNoSeat() {
        fixture.given(SCHEDULED, held("offer-1", "patient-2", HOLD_ENDS),
                        new SeatHoldReleasedEvent(SESSION, PRACTICE, "offer-1", false))
                .whenInvoking(SESSION, s -> s.takeHeldSeat("offer-1", "appointment-2", "patient-2", BEFORE))
                .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE))
                .expectNoEvents();
        fixture.given(SCHEDULED, held("offer-1", "patient-2", HOLD_ENDS),
                        new GroupSessionCancelledEvent(SESSION, PRACTICE, "provider-1", CancellationReason.PRACTICE))
                .whenInvoking(SESSION, s -> s.takeHeldSeat("offer-1", "appointment-2", "patient-2", BEFORE))
                .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE))
                .expectNoEvents();
    }

    @Test
    void theCapacityHoldsEvenIfAHoldRanOutAndItsSeatWentToSomeoneElse() {
        // a clock that let the offer be accepted after its hold ran out must still not seat a third patient
        fixture.given(SCHEDULED, enrolled("appointment-1", "patient-1", 1), held("offer-1", "patient-2", HOLD_ENDS),
                        enrolled("appointment-3", "patient-3", 2))
                .whenInvoking(SESSION, s -> s.takeHeldSeat("offer-1", "appointment-2", "patient-2", BEFORE))
                .expectException(refusedWith(ErrorCode.SESSION_FULL))
                .expectNoEvents();
    }

    @Test
    void releasingAHoldFreesItsSeatOnce() {
        fixture.given(SCHEDULED, held("offer-1", "patient-2", HOLD_ENDS))
                .whenInvoking(SESSION, s -> {
                    s.releaseHold("offer-1");
                    s.releaseHold("offer-1");
                    s.releaseHold("offer-9");
                })
                .expectEvents(new SeatHoldReleasedEvent(SESSION, PRACTICE, "offer-1", false));
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
