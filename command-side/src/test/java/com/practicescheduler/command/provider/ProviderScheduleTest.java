package com.practicescheduler.command.provider;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;
import static java.time.DayOfWeek.MONDAY;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.AddTimeOffCommand;
import com.practicescheduler.api.provider.HoldPlacedEvent;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.RegisterProviderCommand;
import com.practicescheduler.api.provider.ReleaseHoldCommand;
import com.practicescheduler.api.provider.RemoveTimeOffCommand;
import com.practicescheduler.api.provider.ReservationReleasedEvent;
import com.practicescheduler.api.provider.SetWorkingHoursCommand;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeReservedEvent;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProviderScheduleTest {

    private static final String PRACTICE = "practice-1";
    private static final String OTHER_PRACTICE = "practice-2";
    private static final String PROVIDER = "provider-1";

    /** 30 minutes plus a 10-minute buffer. */
    private static final ServiceTerms CONSULT = new ServiceTerms("consult", "Consultation", 30, 10, Modality.IN_PERSON);
    private static final ServiceTerms THERAPY = new ServiceTerms("therapy", "Therapy", 60, 0, Modality.TELEHEALTH);
    private static final PracticeTerms TERMS = new PracticeTerms(PRACTICE, PracticeSettings.defaults(),
            Map.of(CONSULT.serviceId(), CONSULT, THERAPY.serviceId(), THERAPY));

    /** Monday 2027-03-08; the practice's zone is UTC (the default settings). */
    private static final Instant NOW = Instant.parse("2027-03-01T08:00:00Z");
    private static final List<WeeklyInterval> MONDAYS_9_TO_5 =
            List.of(new WeeklyInterval(MONDAY, LocalTime.of(9, 0), LocalTime.of(17, 0)));

    private FixtureConfiguration<ProviderSchedule> fixture;

    @BeforeEach
    void setUp() {
        PracticeDirectory practices = mock(PracticeDirectory.class);
        when(practices.terms(PRACTICE)).thenReturn(TERMS);
        fixture = new AggregateTestFixture<>(ProviderSchedule.class);
        fixture.registerInjectableResource(practices);
        fixture.registerInjectableResource(java.time.Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    @Nested
    class Registering {

        @Test
        void registeringProviderEmitsProviderRegisteredEvent() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProviderCommand(PROVIDER, PRACTICE, "Dr. Rivera", List.of("consult")))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera", List.of("consult")));
        }

        @Test
        void listsEachServiceOnceWhenRegisteredWithRepeats() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProviderCommand(PROVIDER, PRACTICE, "Dr. Rivera",
                            List.of("therapy", "consult", "therapy")))
                    .expectEvents(new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera",
                            List.of("therapy", "consult")));
        }

        @Test
        void registeringWithoutServicesMeansOfferingEveryService() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProviderCommand(PROVIDER, PRACTICE, "Dr. Rivera", List.of()))
                    .expectEvents(new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera", List.of()));
        }

        @Test
        void refusesRegistrationWithUnknownServiceAsNotFound() {
            fixture.givenNoPriorActivity()
                    .when(new RegisterProviderCommand(PROVIDER, PRACTICE, "Dr. Rivera",
                            List.of("consult", "massage")))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class WorkingHours {

        @Test
        void settingWorkingHoursEmitsWorkingHoursSetEvent() {
            fixture.given(registered())
                    .when(new SetWorkingHoursCommand(PROVIDER, PRACTICE, MONDAYS_9_TO_5))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new WorkingHoursSetEvent(PROVIDER, PRACTICE, MONDAYS_9_TO_5));
        }

        @Test
        void refusesWorkingHoursOfAnotherPracticesProviderAsNotFound() {
            fixture.given(registered())
                    .when(new SetWorkingHoursCommand(PROVIDER, OTHER_PRACTICE, MONDAYS_9_TO_5))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class TimeOff {

        @Test
        void addingTimeOffAwayFromAppointmentsEmitsTimeOffAddedEvent() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-a", at("10:00"), at("10:40")))
                    .when(new AddTimeOffCommand(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"), "lunch"))
                    .expectSuccessfulHandlerExecution()
                    .expectResultMessagePayload("off-1")
                    .expectEvents(new TimeOffAddedEvent(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"),
                            "lunch"));
        }

        @Test
        void refusesTimeOffOverReservedAppointmentsListingThem() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-b", at("13:00"), at("13:40")),
                            reservation("appointment-a", at("12:30"), at("13:10")),
                            reservation("appointment-c", at("15:00"), at("15:40")))
                    .when(new AddTimeOffCommand(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"), "lunch"))
                    .expectException(refusedWith(ErrorCode.CONFLICTS_WITH_APPOINTMENTS,
                            "appointment-a", "appointment-b"))
                    .expectNoEvents();
        }

        @Test
        void refusesTimeOffThatStartsDuringAnAppointmentsBuffer() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-a", at("11:00"), at("12:10")))
                    .when(new AddTimeOffCommand(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"), null))
                    .expectException(refusedWith(ErrorCode.CONFLICTS_WITH_APPOINTMENTS, "appointment-a"));
        }

        @Test
        void allowsTimeOffWhereAReservationWasReleased() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-a", at("12:30"), at("13:10")),
                            new ReservationReleasedEvent(PROVIDER, PRACTICE, "appointment-a", at("12:30"),
                                    at("13:10")))
                    .when(new AddTimeOffCommand(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"), null))
                    .expectEvents(new TimeOffAddedEvent(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00"),
                            null));
        }

        @Test
        void refusesTimeOffForAnotherPracticesProviderAsNotFound() {
            fixture.given(registered())
                    .when(new AddTimeOffCommand(PROVIDER, OTHER_PRACTICE, "off-1", at("12:00"), at("14:00"), null))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void removingTimeOffEmitsTimeOffRemovedEventWithItsRange() {
            fixture.given(registered(), timeOff("off-1", at("12:00"), at("14:00")))
                    .when(new RemoveTimeOffCommand(PROVIDER, PRACTICE, "off-1"))
                    .expectEvents(new TimeOffRemovedEvent(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00")));
        }

        @Test
        void refusesRemovingUnknownTimeOffAsNotFound() {
            fixture.given(registered(), timeOff("off-1", at("12:00"), at("14:00")))
                    .when(new RemoveTimeOffCommand(PROVIDER, PRACTICE, "off-2"))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }

        @Test
        void refusesRemovingTimeOffThatWasAlreadyRemovedAsNotFound() {
            fixture.given(registered(), timeOff("off-1", at("12:00"), at("14:00")),
                            new TimeOffRemovedEvent(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00")))
                    .when(new RemoveTimeOffCommand(PROVIDER, PRACTICE, "off-1"))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }

        @Test
        void refusesRemovingTimeOffOfAnotherPracticesProviderAsNotFound() {
            fixture.given(registered(), timeOff("off-1", at("12:00"), at("14:00")))
                    .when(new RemoveTimeOffCommand(PROVIDER, OTHER_PRACTICE, "off-1"))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    @Nested
    class Reserving {

        @Test
        void reservingBlocksTheAppointmentAndItsBuffer() {
            fixture.given(registered(), workingHours())
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("10:00")), TERMS, NOW, null))
                    .expectEvents(new TimeReservedEvent(PROVIDER, PRACTICE, "appointment-a", at("10:00"),
                            at("10:40"), NOW));
        }

        @Test
        void refusesReservationOverlappingAnEarlierOne() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-a", at("10:00"), at("10:40")))
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-b", CONSULT, at("10:30")), TERMS, NOW, null))
                    .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE))
                    .expectNoEvents();
        }

        @Test
        void remembersAReservationWhateverTheDateItsEventWasStampedWith() {
            // the events were recorded a year after the decisions (a machine whose real date is far ahead of the
            // clock the rules read): the schedule still forgets only what ended two days before each decision
            fixture.givenCurrentTime(NOW.plus(java.time.Duration.ofDays(400)))
                    .andGiven(registered(), workingHours(), reservation("appointment-a", at("10:00"), at("10:40")),
                            reservation("appointment-b", at("15:00"), at("15:40")))
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-c", CONSULT, at("10:30")), TERMS, NOW, null))
                    .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE))
                    .expectNoEvents();
        }

        @Test
        void refusesReservationDuringTimeOff() {
            fixture.given(registered(), workingHours(), timeOff("off-1", at("12:00"), at("14:00")))
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("12:30")), TERMS, NOW, null))
                    .expectException(refusedWith(ErrorCode.TIME_OFF));
        }

        @Test
        void allowsReservationOnceTimeOffIsRemoved() {
            fixture.given(registered(), workingHours(), timeOff("off-1", at("12:00"), at("14:00")),
                            new TimeOffRemovedEvent(PROVIDER, PRACTICE, "off-1", at("12:00"), at("14:00")))
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("12:30")), TERMS, NOW, null))
                    .expectEvents(new TimeReservedEvent(PROVIDER, PRACTICE, "appointment-a", at("12:30"),
                            at("13:10"), NOW));
        }

        @Test
        void refusesServiceTheProviderDoesNotOffer() {
            fixture.given(new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera", List.of("therapy")),
                            workingHours())
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("10:00")), TERMS, NOW, null))
                    .expectException(refusedWith(ErrorCode.SERVICE_NOT_OFFERED));
        }

        @Test
        void reschedulingReleasesTheReplacedReservationThenReservesTheNewTime() {
            fixture.given(registered(), workingHours(),
                            reservation("appointment-a", at("10:00"), at("10:40")))
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-b", CONSULT, at("10:20")), TERMS, NOW,
                            "appointment-a"))
                    .expectEvents(
                            new ReservationReleasedEvent(PROVIDER, PRACTICE, "appointment-a", at("10:00"),
                                    at("10:40")),
                            new TimeReservedEvent(PROVIDER, PRACTICE, "appointment-b", at("10:20"), at("11:00"),
                                    NOW));
        }

        @Test
        void refusesReservationForAnotherPractice() {
            PracticeTerms otherTerms = new PracticeTerms(OTHER_PRACTICE, PracticeSettings.defaults(),
                    Map.of(CONSULT.serviceId(), CONSULT));
            fixture.given(registered(), workingHours())
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("10:00")), otherTerms, NOW, null))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND))
                    .expectNoEvents();
        }
    }

    /** How a series decides each occurrence by the same rules without giving up on the first refusal. */
    @Nested
    class RefusalsWithoutReserving {

        @Test
        void namesWhatAReservationWouldBeRefusedWithAndReservesNothing() {
            fixture.given(registered(), workingHours(), reservation("appointment-a", at("10:00"), at("10:40")),
                            timeOff("off-1", at("12:00"), at("14:00")))
                    .whenInvoking(PROVIDER, schedule -> {
                        org.assertj.core.api.Assertions.assertThat(schedule.refusalFor(
                                new BookingRequest("b", CONSULT, at("10:30")), TERMS, NOW))
                                .isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
                        org.assertj.core.api.Assertions.assertThat(schedule.refusalFor(
                                new BookingRequest("c", CONSULT, at("12:30")), TERMS, NOW)).isEqualTo(ErrorCode.TIME_OFF);
                        org.assertj.core.api.Assertions.assertThat(schedule.refusalFor(
                                new BookingRequest("d", CONSULT, at("16:45")), TERMS, NOW))
                                .isEqualTo(ErrorCode.OUTSIDE_WORKING_HOURS);
                        org.assertj.core.api.Assertions.assertThat(schedule.refusalFor(
                                new BookingRequest("e", CONSULT, at("10:40")), TERMS, NOW)).isNull();
                    })
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aSeriesDecidedInOneUnitOfWorkSeesItsOwnEarlierReservations() {
            fixture.given(registered(), workingHours())
                    .whenInvoking(PROVIDER, schedule -> {
                        schedule.reserve(new BookingRequest("first", CONSULT, at("10:00")), TERMS, NOW, null);
                        org.assertj.core.api.Assertions.assertThat(schedule.refusalFor(
                                new BookingRequest("second", CONSULT, at("10:20")), TERMS, NOW))
                                .isEqualTo(ErrorCode.SLOT_UNAVAILABLE);
                    })
                    .expectEvents(reservation("first", at("10:00"), at("10:40")));
        }
    }

    @Nested
    class Holds {

        private final HoldPlacedEvent hold = new HoldPlacedEvent(PROVIDER, PRACTICE, "offer-1", at("10:00"),
                at("10:40"), NOW.plusSeconds(3600));

        @Test
        void aHoldBlocksBookingUntilItExpires() {
            fixture.given(registered(), workingHours(), hold)
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("10:20")), TERMS, NOW, null))
                    .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE));
            fixture.given(registered(), workingHours(), hold)
                    .whenInvoking(PROVIDER, schedule -> schedule.reserve(
                            new BookingRequest("appointment-a", CONSULT, at("10:20")), TERMS,
                            NOW.plusSeconds(3600), null))
                    .expectEvents(new TimeReservedEvent(PROVIDER, PRACTICE, "appointment-a", at("10:20"),
                            at("11:00"), NOW.plusSeconds(3600)));
        }

        @Test
        void releasingAnExpiredOffersHoldRecordsTheFreedTime() {
            fixture.given(registered(), workingHours(), hold)
                    .when(new ReleaseHoldCommand(PROVIDER, PRACTICE, "offer-1"))
                    .expectEvents(new ReservationReleasedEvent(PROVIDER, PRACTICE, "offer-1", at("10:00"),
                            at("10:40")));
        }

        @Test
        void releasingAHoldThatIsGoneChangesNothing() {
            fixture.given(registered(), workingHours(), hold,
                            new ReservationReleasedEvent(PROVIDER, PRACTICE, "offer-1", at("10:00"), at("10:40")))
                    .when(new ReleaseHoldCommand(PROVIDER, PRACTICE, "offer-1"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void aHoldReleaseNeverReleasesAnAppointment() {
            fixture.given(registered(), workingHours(), reservation("appointment-a", at("10:00"), at("10:40")))
                    .when(new ReleaseHoldCommand(PROVIDER, PRACTICE, "appointment-a"))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void refusesReleasingAnotherPracticesHoldAsNotFound() {
            fixture.given(registered(), workingHours(), hold)
                    .when(new ReleaseHoldCommand(PROVIDER, OTHER_PRACTICE, "offer-1"))
                    .expectException(refusedWith(ErrorCode.NOT_FOUND));
        }
    }

    // --- helpers

    private static ProviderRegisteredEvent registered() {
        return new ProviderRegisteredEvent(PROVIDER, PRACTICE, "Dr. Rivera", List.of());
    }

    private static WorkingHoursSetEvent workingHours() {
        return new WorkingHoursSetEvent(PROVIDER, PRACTICE, MONDAYS_9_TO_5);
    }

    private static TimeReservedEvent reservation(String appointmentId, Instant start, Instant blockedUntil) {
        return new TimeReservedEvent(PROVIDER, PRACTICE, appointmentId, start, blockedUntil, NOW);
    }

    private static TimeOffAddedEvent timeOff(String timeOffId, Instant start, Instant end) {
        return new TimeOffAddedEvent(PROVIDER, PRACTICE, timeOffId, start, end, null);
    }

    /** The time on Monday 2027-03-08, UTC. */
    private static Instant at(String time) {
        return Instant.parse("2027-03-08T" + time + ":00Z");
    }
}
