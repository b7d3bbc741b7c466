package com.practicescheduler.query.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.schedule.AppointmentProjection.AppointmentView;
import com.practicescheduler.query.schedule.AppointmentProjection.BlockedTime;
import com.practicescheduler.query.schedule.ProviderProjection.ProviderView;
import com.practicescheduler.query.schedule.ProviderProjection.TimeOffView;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The appointment and provider read models against a real PostgreSQL with the real migrations. */
class SchedulingProjectionsTest {

    /** No holds are projected in these tests; the instant only decides which holds still block. */
    private static final java.time.Instant NOW_FOR_HOLDS = java.time.Instant.parse("2026-01-01T00:00:00Z");

    private static final String PRACTICE = "practice-1";
    private static final String OTHER_PRACTICE = "practice-2";
    private static final String DR_A = "dr-a";
    private static final String DR_B = "dr-b";
    private static final Instant MONDAY_9 = Instant.parse("2027-06-07T13:00:00Z");
    private static final Instant DAY_START = Instant.parse("2027-06-07T04:00:00Z");
    private static final Instant DAY_END = Instant.parse("2027-06-08T04:00:00Z");
    private static final Instant WHENEVER = Instant.parse("2027-01-01T12:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final AppointmentProjection appointments = new AppointmentProjection(db.named());
    private static final ProviderProjection providers = new ProviderProjection(db.named(), JsonMapper.builder().findAndAddModules().build());

    @Nested
    class Appointments {

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
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS)).containsExactly(
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
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS))
                    .extracting(b -> b.range().start())
                    .containsExactly(MONDAY_9.plus(Duration.ofHours(2)));
        }

        @Test
        void aLateCancellationIsMarkedLateAndFreesTheTime() {
            appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

            appointments.on(cancelled("appt-1", true));

            assertThat(appointments.appointment(PRACTICE, "appt-1").orElseThrow().status())
                    .isEqualTo(AppointmentStatus.LATE_CANCELLED);
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS)).isEmpty();
        }

        @Test
        void aRedeliveredBookingDoesNotUndoALaterCancellation() {
            AppointmentBookedEvent booked = booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10);
            appointments.on(booked);
            appointments.on(cancelled("appt-1", false));

            appointments.on(booked);

            assertThat(appointments.appointment(PRACTICE, "appt-1").orElseThrow().status())
                    .isEqualTo(AppointmentStatus.CANCELLED);
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS)).isEmpty();
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
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS))
                    .extracting(b -> b.range().start())
                    .containsExactly(later);
        }

        @Test
        void checkedInAndNoShowAppointmentsStillBlockTheirTime() {
            Instant eleven = MONDAY_9.plus(Duration.ofHours(2));
            appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));
            appointments.on(booked("appt-2", "patient-2", DR_A, eleven, 50, 10));

            appointments.on(new AppointmentVisitStepRecordedEvent("appt-1", PRACTICE, VisitStep.CHECK_IN,
                    AppointmentStatus.CHECKED_IN));
            appointments.on(new AppointmentVisitStepRecordedEvent("appt-2", PRACTICE, VisitStep.NO_SHOW,
                    AppointmentStatus.NO_SHOW));

            assertThat(providerCalendar(DR_A)).extracting(AppointmentView::status)
                    .containsExactly(AppointmentStatus.CHECKED_IN, AppointmentStatus.NO_SHOW);
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS))
                    .extracting(b -> b.range().start())
                    .containsExactlyInAnyOrder(MONDAY_9, eleven);
        }

        @Test
        void blockedTimeIncludesAnAppointmentWhoseBufferReachesIntoTheWindow() {
            appointments.on(booked("appt-1", "patient-1", DR_A, MONDAY_9, 50, 10));

            Instant duringBuffer = MONDAY_9.plus(Duration.ofMinutes(55));
            Instant atBufferEnd = MONDAY_9.plus(Duration.ofMinutes(60));
            assertThat(appointments.blockedTime(List.of(DR_A), duringBuffer, DAY_END, NOW_FOR_HOLDS)).hasSize(1);
            assertThat(appointments.blockedTime(List.of(DR_A), atBufferEnd, DAY_END, NOW_FOR_HOLDS)).isEmpty();
            assertThat(appointments.blockedTime(List.of(DR_B), DAY_START, DAY_END, NOW_FOR_HOLDS)).isEmpty();
            assertThat(appointments.blockedTime(List.of(), DAY_START, DAY_END, NOW_FOR_HOLDS)).isEmpty();
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
                            AppointmentStatus.COMPLETED)));
            history.forEach(event -> event.accept(appointments));
            List<AppointmentView> before = providerCalendar(DR_A);
            List<BlockedTime> blockedBefore = appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS);

            appointments.reset();

            assertThat(db.count("appointment_view")).isZero();
            assertThat(providerCalendar(DR_A)).isEmpty();

            history.forEach(event -> event.accept(appointments));

            assertThat(before).hasSize(4);
            assertThat(providerCalendar(DR_A)).isEqualTo(before);
            assertThat(appointments.blockedTime(List.of(DR_A), DAY_START, DAY_END, NOW_FOR_HOLDS))
                    .containsExactlyInAnyOrderElementsOf(blockedBefore);
        }
    }

    @Nested
    class Providers {

        private static final List<WeeklyInterval> WEEKLY = List.of(
                new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(9, 0), LocalTime.of(12, 30)),
                new WeeklyInterval(DayOfWeek.MONDAY, LocalTime.of(13, 30), LocalTime.of(17, 0)),
                new WeeklyInterval(DayOfWeek.THURSDAY, LocalTime.of(8, 15), LocalTime.of(11, 45)));

        @Test
        void aRegisteredProviderReadsBackWithItsServicesAndWorkingHours() {
            providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of("service-1", "service-2")),
                    WHENEVER);
            providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));

            ProviderView view = providers.provider(PRACTICE, DR_A).orElseThrow();

            assertThat(view.displayName()).isEqualTo("Dr. A");
            assertThat(view.serviceIds()).containsExactly("service-1", "service-2");
            assertThat(view.weekly()).isEqualTo(WEEKLY);
            assertThat(view.offers("service-2")).isTrue();
            assertThat(view.offers("service-3")).isFalse();
        }

        @Test
        void aNewlyRegisteredProviderHasNoWorkingHoursAndWithoutServiceListOffersEveryService() {
            providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);

            ProviderView view = providers.provider(PRACTICE, DR_A).orElseThrow();

            assertThat(view.weekly()).isEmpty();
            assertThat(view.offers("any-service")).isTrue();
        }

        @Test
        void settingWorkingHoursAgainReplacesThem() {
            providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);
            providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));
            List<WeeklyInterval> fridaysOnly =
                    List.of(new WeeklyInterval(DayOfWeek.FRIDAY, LocalTime.of(10, 0), LocalTime.of(14, 0)));

            providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, fridaysOnly));

            assertThat(providers.provider(PRACTICE, DR_A).orElseThrow().weekly()).isEqualTo(fridaysOnly);
        }

        @Test
        void providersAreListedPerPracticeInOrderOfRegistration() {
            providers.on(new ProviderRegisteredEvent(DR_B, PRACTICE, "Dr. B", List.of()), WHENEVER);
            providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()),
                    WHENEVER.plus(Duration.ofMinutes(1)));
            providers.on(new ProviderRegisteredEvent("dr-elsewhere", OTHER_PRACTICE, "Dr. X", List.of()),
                    WHENEVER);
            // a redelivered registration changes nothing
            providers.on(new ProviderRegisteredEvent(DR_B, PRACTICE, "Dr. B", List.of()),
                    WHENEVER.plus(Duration.ofHours(1)));

            assertThat(providers.providers(PRACTICE)).extracting(ProviderView::id).containsExactly(DR_B, DR_A);
            assertThat(providers.provider(OTHER_PRACTICE, DR_A)).isEmpty();
        }

        @Test
        void timeOffOverlappingTheRangeIsReturnedAndRemovedTimeOffIsGone() {
            Instant monday = Instant.parse("2027-06-07T00:00:00Z");
            Instant tuesday = monday.plus(Duration.ofDays(1));
            Instant wednesday = tuesday.plus(Duration.ofDays(1));
            providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-vacation", monday.minus(Duration.ofDays(3)),
                    monday.plus(Duration.ofHours(12)), "Vacation"));
            providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-dentist", tuesday.plus(Duration.ofHours(14)),
                    tuesday.plus(Duration.ofHours(16)), "Dentist"));
            providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-next-week", monday.plus(Duration.ofDays(7)),
                    monday.plus(Duration.ofDays(8)), null));
            providers.on(new TimeOffAddedEvent(DR_B, PRACTICE, "off-other-provider", monday, tuesday, null));

            List<TimeOffView> found = providers.timeOff(List.of(DR_A), monday, wednesday);

            assertThat(found).containsExactly(
                    new TimeOffView("off-vacation", DR_A,
                            new TimeRange(monday.minus(Duration.ofDays(3)), monday.plus(Duration.ofHours(12))),
                            "Vacation"),
                    new TimeOffView("off-dentist", DR_A,
                            new TimeRange(tuesday.plus(Duration.ofHours(14)), tuesday.plus(Duration.ofHours(16))),
                            "Dentist"));
            // half-open: time off ending exactly where the range starts is outside it
            assertThat(providers.timeOff(List.of(DR_A), monday.plus(Duration.ofHours(12)), tuesday)).isEmpty();

            providers.on(new TimeOffRemovedEvent(DR_A, PRACTICE, "off-dentist", tuesday.plus(Duration.ofHours(14)),
                    tuesday.plus(Duration.ofHours(16))));

            assertThat(providers.timeOff(List.of(DR_A), monday, wednesday))
                    .extracting(TimeOffView::id).containsExactly("off-vacation");
            assertThat(providers.timeOff(List.of(DR_A, DR_B), monday, wednesday))
                    .extracting(TimeOffView::id).containsExactly("off-vacation", "off-other-provider");
        }

        @Test
        void resetForgetsProvidersAndTheirTimeOff() {
            providers.on(new ProviderRegisteredEvent(DR_A, PRACTICE, "Dr. A", List.of()), WHENEVER);
            providers.on(new WorkingHoursSetEvent(DR_A, PRACTICE, WEEKLY));
            providers.on(new TimeOffAddedEvent(DR_A, PRACTICE, "off-1", MONDAY_9, MONDAY_9.plus(Duration.ofHours(1)),
                    null));

            providers.reset();

            assertThat(providers.providers(PRACTICE)).isEmpty();
            assertThat(providers.timeOff(List.of(DR_A), DAY_START, DAY_END)).isEmpty();
        }
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
                MONDAY_9, MONDAY_9.plus(Duration.ofMinutes(50)));
    }
}
