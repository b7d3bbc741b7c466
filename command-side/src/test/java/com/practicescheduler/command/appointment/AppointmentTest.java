package com.practicescheduler.command.appointment;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.RecordVisitStepCommand;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppointmentTest {

    private static final String APPOINTMENT = "appointment-1";
    private static final String PRACTICE = "practice-1";
    private static final String PROVIDER = "provider-1";
    private static final String PATIENT = "patient-1";
    private static final Instant START = Instant.parse("2027-03-08T15:00:00Z");
    private static final Instant END = START.plus(Duration.ofMinutes(30));
    private static final Instant BEFORE_START = START.minus(Duration.ofHours(3));
    private static final Instant AFTER_START = START.plus(Duration.ofMinutes(20));

    private static final AppointmentBookedEvent BOOKED = new AppointmentBookedEvent(APPOINTMENT, PRACTICE,
            PATIENT, PROVIDER, "consult", START, END, END.plus(Duration.ofMinutes(10)),
            AppointmentSource.DIRECT, null, "fingerprint");

    @Nested
    class CheckingIn {

        @Test
        void checkingInBookedAppointmentMakesItCheckedIn() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .when(step(VisitStep.CHECK_IN, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN))
                    .expectResultMessagePayload(summary(AppointmentStatus.CHECKED_IN));
        }

        @Test
        void appointmentsOwnClinicianMayCheckIn() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .when(step(VisitStep.CHECK_IN, PROVIDER))
                    .expectEvents(recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN));
        }

        @Test
        void refusesCheckingInTwice() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED, recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN))
                    .when(step(VisitStep.CHECK_IN, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void refusesCheckingInCancelledAppointment() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED, new AppointmentCancelledEvent(APPOINTMENT, PRACTICE, PROVIDER,
                            CancellationReason.PATIENT_REQUEST, null, false, START, END, PATIENT))
                    .when(step(VisitStep.CHECK_IN, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void refusesCheckingInRescheduledAppointment() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED, new AppointmentRescheduledEvent(APPOINTMENT, PRACTICE, "appointment-2"))
                    .when(step(VisitStep.CHECK_IN, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
        }
    }

    @Nested
    class Completing {

        @Test
        void completingCheckedInAppointmentMakesItCompleted() {
            fixtureAt(AFTER_START)
                    .given(BOOKED, recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN))
                    .when(step(VisitStep.COMPLETE, null))
                    .expectEvents(recorded(VisitStep.COMPLETE, AppointmentStatus.COMPLETED))
                    .expectResultMessagePayload(summary(AppointmentStatus.COMPLETED));
        }

        @Test
        void refusesCompletingAppointmentThatWasNotCheckedIn() {
            fixtureAt(AFTER_START)
                    .given(BOOKED)
                    .when(step(VisitStep.COMPLETE, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class NoShow {

        @Test
        void refusesNoShowBeforeTheStart() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .when(step(VisitStep.NO_SHOW, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }

        @Test
        void recordsNoShowAfterTheStart() {
            fixtureAt(AFTER_START)
                    .given(BOOKED)
                    .when(step(VisitStep.NO_SHOW, null))
                    .expectEvents(recorded(VisitStep.NO_SHOW, AppointmentStatus.NO_SHOW))
                    .expectResultMessagePayload(summary(AppointmentStatus.NO_SHOW));
        }

        @Test
        void recordsNoShowExactlyAtTheStart() {
            fixtureAt(START)
                    .given(BOOKED)
                    .when(step(VisitStep.NO_SHOW, null))
                    .expectEvents(recorded(VisitStep.NO_SHOW, AppointmentStatus.NO_SHOW));
        }

        @Test
        void refusesNoShowForPatientWhoCheckedIn() {
            fixtureAt(AFTER_START)
                    .given(BOOKED, recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN))
                    .when(step(VisitStep.NO_SHOW, null))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class Access {

        @Test
        void refusesClinicianActingOnAnotherProvidersAppointment() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .when(step(VisitStep.CHECK_IN, "provider-2"))
                    .expectException(refusedWith(ErrorCode.FORBIDDEN))
                    .expectNoEvents();
        }

        @Test
        void refusesAppointmentOfAnotherPracticeAsNotFound() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .when(new RecordVisitStepCommand(APPOINTMENT, "practice-2", VisitStep.CHECK_IN, null))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Cancelling {

        @Test
        void cancellingBeforeTheLateWindowIsAnOrdinaryCancellation() {
            Instant now = START.minus(Duration.ofHours(25));
            fixtureAt(now)
                    .given(BOOKED)
                    .whenInvoking(APPOINTMENT, appointment -> appointment.cancel(
                            CancellationReason.PATIENT_REQUEST, "feeling better", now, 24))
                    .expectEvents(new AppointmentCancelledEvent(APPOINTMENT, PRACTICE, PROVIDER,
                            CancellationReason.PATIENT_REQUEST, "feeling better", false, START, END,
                            PATIENT));
        }

        @Test
        void cancellingInsideTheLateWindowIsALateCancellation() {
            Instant now = START.minus(Duration.ofHours(23));
            fixtureAt(now)
                    .given(BOOKED)
                    .whenInvoking(APPOINTMENT, appointment -> appointment.cancel(
                            CancellationReason.PATIENT_REQUEST, null, now, 24))
                    .expectEvents(new AppointmentCancelledEvent(APPOINTMENT, PRACTICE, PROVIDER,
                            CancellationReason.PATIENT_REQUEST, null, true, START, END, PATIENT));
        }

        @Test
        void refusesCancellingCompletedAppointment() {
            fixtureAt(AFTER_START)
                    .given(BOOKED, recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN),
                            recorded(VisitStep.COMPLETE, AppointmentStatus.COMPLETED))
                    .whenInvoking(APPOINTMENT, appointment -> appointment.cancel(
                            CancellationReason.PRACTICE, null, AFTER_START, 24))
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION))
                    .expectNoEvents();
        }
    }

    @Nested
    class SeatsOfGroupSessions {

        private final AppointmentBookedEvent seat = new AppointmentBookedEvent(APPOINTMENT, PRACTICE, "patient-1",
                PROVIDER, "group", START, END, END, AppointmentSource.DIRECT, null, null, null, "session-1");

        @Test
        void refusesReschedulingASeat() {
            fixtureAt(BEFORE_START)
                    .given(seat)
                    .whenInvoking(APPOINTMENT, Appointment::requireReschedulable)
                    .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
        }

        @Test
        void anOrdinaryAppointmentMayBeRescheduled() {
            fixtureAt(BEFORE_START)
                    .given(BOOKED)
                    .whenInvoking(APPOINTMENT, Appointment::requireReschedulable)
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aSessionsCancellationCancelsBookedSeatsAndLeavesSeatsThatWereAttended() {
            Instant now = START.minus(Duration.ofHours(48));
            fixtureAt(now)
                    .given(seat)
                    .whenInvoking(APPOINTMENT, a -> a.cancelWithSession(CancellationReason.PRACTICE, now, 24))
                    .expectEvents(new AppointmentCancelledEvent(APPOINTMENT, PRACTICE, PROVIDER,
                            CancellationReason.PRACTICE, "The group session was cancelled", false, START, END,
                            PATIENT));
            fixtureAt(AFTER_START)
                    .given(seat, recorded(VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN))
                    .whenInvoking(APPOINTMENT, a -> a.cancelWithSession(CancellationReason.PRACTICE, AFTER_START, 24))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }
    }

    // --- helpers

    /** A fixture whose application clock stands still at {@code now}; the practice has the default settings. */
    private static FixtureConfiguration<Appointment> fixtureAt(Instant now) {
        PracticeDirectory practices = mock(PracticeDirectory.class);
        when(practices.terms(PRACTICE)).thenReturn(new PracticeTerms(PRACTICE, PracticeSettings.defaults(), Map.of()));
        FixtureConfiguration<Appointment> fixture = new AggregateTestFixture<>(Appointment.class);
        fixture.registerInjectableResource(Clock.fixed(now, ZoneOffset.UTC));
        fixture.registerInjectableResource(practices);
        return fixture;
    }

    private static RecordVisitStepCommand step(VisitStep step, String actingProviderId) {
        return new RecordVisitStepCommand(APPOINTMENT, PRACTICE, step, actingProviderId);
    }

    private static AppointmentVisitStepRecordedEvent recorded(VisitStep step, AppointmentStatus status) {
        return new AppointmentVisitStepRecordedEvent(APPOINTMENT, PRACTICE, step, status, PATIENT);
    }

    private static AppointmentSummary summary(AppointmentStatus status) {
        return new AppointmentSummary(APPOINTMENT, "patient-1", PROVIDER, "consult", START, END, status,
                AppointmentSource.DIRECT, null, null, "UTC");
    }
}
