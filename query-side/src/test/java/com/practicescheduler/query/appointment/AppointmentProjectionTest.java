package com.practicescheduler.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.query.ProcessorBatch;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.appointment.AppointmentProjection.AppointmentView;
import com.practicescheduler.query.appointment.AppointmentProjection.BlockedTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The appointment read model against a real PostgreSQL with the real migrations. */
class AppointmentProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final String OTHER_PRACTICE = "practice-2";
    private static final String DR_A = "dr-a";
    private static final String DR_B = "dr-b";
    private static final Instant MONDAY_9 = Instant.parse("2027-06-07T13:00:00Z");
    private static final Instant DAY_START = Instant.parse("2027-06-07T04:00:00Z");
    private static final Instant DAY_END = Instant.parse("2027-06-08T04:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final AppointmentProjection appointments =
            new AppointmentProjection(db.named(), new BatchedWrites(db.named()));

    @Test
    void aRedeliveredBookingShowsOnceInTheCalendar() {
        AppointmentBookedEvent booked = booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10);

        appointments.on(booked);
        appointments.on(booked);

        assertThat(db.count("appointment_view")).isEqualTo(1);
        assertThat(providerCalendar(DR_A)).extracting(AppointmentView::id).containsExactly("appt-1");
    }

    @Test
    void aBookingShowsWithItsDetailsAndBlocksItsProviderUntilTheBufferEnds() {
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

        AppointmentView view = appointments.appointment(PRACTICE, "appt-1").orElseThrow();
        assertThat(view.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(view.patientId()).isEqualTo("patient-1");
        assertThat(view.providerId()).isEqualTo(DR_A);
        assertThat(view.serviceId()).isEqualTo("service-1");
        assertThat(view.start()).isEqualTo(MONDAY_9);
        assertThat(view.end()).isEqualTo(MONDAY_9.plus(Duration.ofMinutes(50)));
        assertThat(view.source()).isEqualTo(AppointmentSource.DIRECT);
        assertThat(view.rescheduledTo()).isNull();
        assertThat(view.cancellationReason()).isNull();
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END)).containsExactly(
                new BlockedTime(DR_A, new TimeRange(MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(60)))));
    }

    @Test
    void anAppointmentIsNotVisibleToAnotherPractice() {
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

        assertThat(appointments.appointment(OTHER_PRACTICE, "appt-1")).isEmpty();
        assertThat(appointments.calendar(OTHER_PRACTICE, "provider_id", DR_A, DAY_START, DAY_END)).isEmpty();
    }

    @Test
    void aCancelledAppointmentNoLongerBlocksItsProvider() {
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));
        appointments.on(booked("appt-2", "patient-2", DR_A, MONDAY_9.plus(Duration.ofHours(2)), 50, 10));

        appointments.on(cancelled("appt-1", false));

        AppointmentView view = appointments.appointment(PRACTICE, "appt-1").orElseThrow();
        assertThat(view.status()).isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(view.cancellationReason()).isEqualTo(CancellationReason.PATIENT_REQUEST.name());
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END))
                .extracting(b -> b.range().start())
                .containsExactly(MONDAY_9.plus(Duration.ofHours(2)));
    }

    @Test
    void aLateCancellationIsMarkedLateAndFreesTheTime() {
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

        appointments.on(cancelled("appt-1", true));

        assertThat(appointments.appointment(PRACTICE, "appt-1").orElseThrow().status())
                .isEqualTo(AppointmentStatus.LATE_CANCELLED);
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END)).isEmpty();
    }

    @Test
    void aRedeliveredBookingDoesNotUndoALaterCancellation() {
        AppointmentBookedEvent booked = booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10);
        appointments.on(booked);
        appointments.on(cancelled("appt-1", false));

        appointments.on(booked);

        assertThat(appointments.appointment(PRACTICE, "appt-1").orElseThrow().status())
                .isEqualTo(AppointmentStatus.CANCELLED);
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END)).isEmpty();
    }

    @Test
    void aRescheduledAppointmentPointsToItsSuccessorWhichAloneBlocksTheProvider() {
        Instant later = MONDAY_9.plus(Duration.ofHours(3));
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

        appointments.on(new AppointmentBookedEvent("appt-2", PRACTICE, "patient-1", DR_A, "service-1", later,
                later.plus(Duration.ofMinutes(50)), later.plus(Duration.ofMinutes(60)), AppointmentSource.DIRECT,
                "appt-1", "fingerprint-appt-2"));
        appointments.on(new AppointmentRescheduledEvent("appt-1", PRACTICE, "appt-2"));

        AppointmentView old = appointments.appointment(PRACTICE, "appt-1").orElseThrow();
        AppointmentView successor = appointments.appointment(PRACTICE, "appt-2").orElseThrow();
        assertThat(old.status()).isEqualTo(AppointmentStatus.RESCHEDULED);
        assertThat(old.rescheduledTo()).isEqualTo("appt-2");
        assertThat(successor.status()).isEqualTo(AppointmentStatus.BOOKED);
        assertThat(successor.rescheduledFrom()).isEqualTo("appt-1");
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END))
                .extracting(b -> b.range().start())
                .containsExactly(later);
    }

    @Test
    void checkedInAndNoShowAppointmentsStillBlockTheirTime() {
        Instant eleven = MONDAY_9.plus(Duration.ofHours(2));
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));
        appointments.on(booked("appt-2", "patient-2", DR_A, eleven, 50, 10));

        appointments.on(new AppointmentVisitStepRecordedEvent("appt-1", PRACTICE, VisitStep.CHECK_IN,
                AppointmentStatus.CHECKED_IN, "patient-1"));
        appointments.on(new AppointmentVisitStepRecordedEvent("appt-2", PRACTICE, VisitStep.NO_SHOW,
                AppointmentStatus.NO_SHOW, "patient-1"));

        assertThat(providerCalendar(DR_A)).extracting(AppointmentView::status)
                .containsExactly(AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW);
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END))
                .extracting(b -> b.range().start())
                .containsExactlyInAnyOrder(MONDAY_9, eleven);
    }

    @Test
    void blockedTimeIncludesAnAppointmentWhoseBufferReachesIntoTheWindow() {
        appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

        Instant duringBuffer = MONDAY_9.plus(Duration.ofMinutes(55));
        Instant atBufferEnd = MONDAY_9.plus(Duration.ofMinutes(60));
        assertThat(appointments.blockedTime(List.of(DR_A), duringBuffer, DAY_END)).hasSize(1);
        assertThat(appointments.blockedTime(List.of(DR_A), atBufferEnd, DAY_END)).isEmpty();
        assertThat(appointments.blockedTime(List.of(DR_B), DAY_START, DAY_END)).isEmpty();
        assertThat(appointments.blockedTime(List.of(), DAY_START, DAY_END)).isEmpty();
    }

    @Test
    void providerCalendarCoversFromInclusiveToExclusiveOrderedByStartWithPatientNames() {
        db.jdbc().update("""
                insert into patient_view (patient_id, practice_id, first_name, last_name, date_of_birth)
                values ('patient-1', ?, 'Ada', 'Lovelace', date '1815-12-10')
                """, PRACTICE);
        Instant from = MONDAY_9;
        Instant to = MONDAY_9.plus(Duration.ofHours(4));
        appointments.on(booked("at-to", "patient-1", DR_A, to, 50, 10));
        appointments.on(booked("second", "patient-unknown", DR_A, from.plus(Duration.ofHours(2)), 50, 10));
        appointments.on(booked("before-from", "patient-1", DR_A, from.minus(Duration.ofHours(1)), 50, 10));
        appointments.on(booked("first", "patient-1", DR_A, from, 50, 10));
        appointments.on(booked("other-provider", "patient-1", DR_B, from.plus(Duration.ofHours(1)), 50, 10));

        List<AppointmentView> calendar = appointments.calendar(PRACTICE, "provider_id", DR_A, from, to);

        assertThat(calendar).extracting(AppointmentView::id).containsExactly("first", "second");
        assertThat(calendar).extracting(AppointmentView::patientName).containsExactly("Ada Lovelace", null);
    }

    @Test
    void patientCalendarListsThatPatientsAppointmentsWithAnyProvider() {
        appointments.on(booked("with-b", "patient-1", DR_B, MONDAY_9.plus(Duration.ofHours(1)), 50, 10));
        appointments.on(booked("with-a", "patient-1", DR_A, MONDAY_9, 50, 10));
        appointments.on(booked("someone-else", "patient-2", DR_A, MONDAY_9.plus(Duration.ofHours(2)), 50, 10));

        assertThat(appointments.calendar(PRACTICE, "patient_id", "patient-1", DAY_START, DAY_END))
                .extracting(AppointmentView::id).containsExactly("with-a", "with-b");
    }

    @Test
    void resetEmptiesTheCalendarAndReplayingTheEventsRebuildsTheSameOne() {
        db.jdbc().update("""
                insert into patient_view (patient_id, practice_id, first_name, last_name, date_of_birth)
                values ('patient-1', ?, 'Ada', 'Lovelace', date '1815-12-10')
                """, PRACTICE);
        Instant eleven = MONDAY_9.plus(Duration.ofHours(2));
        List<Consumer<AppointmentProjection>> history = List.of(
                p -> p.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10)),
                p -> p.on(booked("appt-2", "patient-2", DR_A, eleven, 50, 10)),
                p -> p.on(booked("appt-3", "patient-1", DR_A, MONDAY_9.plus(Duration.ofHours(4)), 50, 10)),
                p -> p.on(cancelled("appt-2", true)),
                p -> p.on(new AppointmentBookedEvent("appt-4", PRACTICE, "patient-1", DR_A, "service-1",
                        MONDAY_9.plus(Duration.ofHours(6)), MONDAY_9.plus(Duration.ofMinutes(410)),
                        MONDAY_9.plus(Duration.ofMinutes(420)), AppointmentSource.WAITLIST, "appt-3", "f-4")),
                p -> p.on(new AppointmentRescheduledEvent("appt-3", PRACTICE, "appt-4")),
                p -> p.on(new AppointmentVisitStepRecordedEvent("appt-1", PRACTICE, VisitStep.COMPLETE,
                        AppointmentStatus.COMPLETED, "patient-1")));
        history.forEach(event -> event.accept(appointments));
        List<AppointmentView> before = providerCalendar(DR_A);
        List<BlockedTime> blockedBefore = appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END);

        appointments.reset();

        assertThat(db.count("appointment_view")).isZero();
        assertThat(providerCalendar(DR_A)).isEmpty();

        history.forEach(event -> event.accept(appointments));

        assertThat(before).hasSize(4);
        assertThat(providerCalendar(DR_A)).isEqualTo(before);
        assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END))
                .containsExactlyInAnyOrderElementsOf(blockedBefore);
    }

    /** A rebuild or catch-up handles events in batches whose writes go together: the calendar must not differ. */
    @Test
    void aBatchOfEventsBuildsTheSameAppointmentsAsTheEventsOneAtATime() {
        Instant eleven = MONDAY_9.plus(Duration.ofHours(2));
        AppointmentBookedEvent first = booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10);
        List<Consumer<AppointmentProjection>> history = List.of(
                p -> p.on(first),
                p -> p.on(new AppointmentVisitStepRecordedEvent("appt-1", PRACTICE, VisitStep.CHECK_IN,
                        AppointmentStatus.CHECKED_IN, "patient-1")),
                p -> p.on(booked("appt-2", "patient-2", DR_B, eleven, 50, 10)),
                p -> p.on(cancelled("appt-1", true)),
                p -> p.on(first), // delivered again
                p -> p.on(new AppointmentVisitStepRecordedEvent("appt-1", PRACTICE, VisitStep.COMPLETE,
                        AppointmentStatus.COMPLETED, "patient-1")),
                p -> p.on(new AppointmentBookedEvent("appt-3", PRACTICE, "patient-2", DR_B, "service-1",
                        eleven.plus(Duration.ofHours(1)), eleven.plus(Duration.ofMinutes(110)),
                        eleven.plus(Duration.ofMinutes(120)), AppointmentSource.DIRECT, "appt-2", "f-3")),
                p -> p.on(new AppointmentRescheduledEvent("appt-2", PRACTICE, "appt-3")),
                p -> p.on(new AppointmentVisitStepRecordedEvent("appt-3", PRACTICE, VisitStep.NO_SHOW,
                        AppointmentStatus.NO_SHOW, "patient-1")));
        history.forEach(event -> event.accept(appointments));
        List<String> oneAtATime = db.rows("appointment_view");
        appointments.reset();

        ProcessorBatch.run(appointments, history);

        assertThat(db.rows("appointment_view")).isEqualTo(oneAtATime);
        assertThat(appointments.appointment(PRACTICE, "appt-1").orElseThrow().status())
                .isEqualTo(AppointmentStatus.COMPLETED);
    }

    @Test
    void anOccurrenceOfASeriesAndASeatOfAGroupSessionNameTheirSeriesAndSession() {
        AppointmentBookedEvent single = booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10);
        AppointmentBookedEvent later = booked("appt-2", "patient-1", DR_A, MONDAY_9.plus(Duration.ofHours(2)), 50, 10);
        AppointmentBookedEvent seat = booked("appt-3", "patient-2", DR_B, MONDAY_9, 90, 0);

        appointments.on(single);
        appointments.on(new AppointmentBookedEvent(later.appointmentId(), PRACTICE, later.patientId(),
                later.providerId(), later.serviceId(), later.start(), later.end(), later.blockedUntil(),
                later.source(), null, null, "series-1", null));
        appointments.on(new AppointmentBookedEvent(seat.appointmentId(), PRACTICE, seat.patientId(),
                seat.providerId(), seat.serviceId(), seat.start(), seat.end(), seat.blockedUntil(), seat.source(),
                null, null, null, "session-1"));

        assertThat(providerCalendar(DR_A)).extracting(AppointmentView::id, AppointmentView::seriesId)
                .containsExactly(tuple("appt-1", null), tuple("appt-2", "series-1"));
        assertThat(appointments.appointment(PRACTICE, "appt-3").orElseThrow())
                .extracting(AppointmentView::seriesId, AppointmentView::groupSessionId)
                .containsExactly(null, "session-1");
    }

    @Test
    void aSeatOfAGroupSessionBlocksNoTimeOfItsOwnAndIsListedAmongTheSessionsSeats() {
        appointments.on(new AppointmentBookedEvent("seat-1", PRACTICE, "patient-1", DR_B, "group", MONDAY_9,
                MONDAY_9.plus(Duration.ofMinutes(90)), MONDAY_9.plus(Duration.ofMinutes(90)),
                AppointmentSource.DIRECT, null, null, null, "session-1"));
        appointments.on(new AppointmentBookedEvent("seat-2", PRACTICE, "patient-2", DR_B, "group", MONDAY_9,
                MONDAY_9.plus(Duration.ofMinutes(90)), MONDAY_9.plus(Duration.ofMinutes(90)),
                AppointmentSource.DIRECT, null, null, null, "session-1"));
        appointments.on(cancelled("seat-2", false));

        assertThat(appointments.blockedTime(List.of(DR_B), DAY_START, DAY_END))
                .as("the session holds the provider's time, not its seats").isEmpty();
        assertThat(appointments.seats(PRACTICE, "session-1"))
                .extracting(AppointmentProjection.Seat::appointmentId, AppointmentProjection.Seat::patientId,
                        AppointmentProjection.Seat::status)
                .containsExactly(tuple("seat-1", "patient-1", AppointmentStatus.BOOKED),
                        tuple("seat-2", "patient-2", AppointmentStatus.CANCELLED));
        assertThat(appointments.seats(OTHER_PRACTICE, "session-1")).isEmpty();
    }

    private static List<AppointmentView> providerCalendar(String providerId) {
        return appointments.calendar(PRACTICE, "provider_id", providerId, DAY_START, DAY_END);
    }

    private static AppointmentBookedEvent booked(String id, String patientId, String providerId, Instant start,
                                                 int minutes, int bufferMinutes) {
        Instant end = start.plus(Duration.ofMinutes(minutes));
        return new AppointmentBookedEvent(id, PRACTICE, patientId, providerId, "service-1", start, end,
                end.plus(Duration.ofMinutes(bufferMinutes)), AppointmentSource.DIRECT, null, "fingerprint-" + id);
    }

    private static AppointmentCancelledEvent cancelled(String id, boolean late) {
        return new AppointmentCancelledEvent(id, PRACTICE, DR_A, CancellationReason.PATIENT_REQUEST, null, late,
                MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(50)), "patient-1");
    }
}
