package com.practicescheduler.command.provider;

import static java.time.DayOfWeek.MONDAY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.OfferStrategy;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.command.practice.ServiceTerms;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BookingPolicyTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final PracticeSettings SETTINGS =
            new PracticeSettings("America/New_York", 15, 24, Duration.ofHours(2), OfferStrategy.SEQUENTIAL, 180);

    /** 30 minutes plus a 10-minute buffer: blocks 40 minutes. */
    private static final ServiceTerms CONSULT = new ServiceTerms("consult", "Consultation", 30, 10, Modality.IN_PERSON);
    private static final ServiceTerms THERAPY = new ServiceTerms("therapy", "Therapy", 60, 0, Modality.IN_PERSON);

    /** A Monday in standard time (EST, UTC-5). */
    private static final LocalDate MONDAY_MARCH_8 = LocalDate.of(2027, 3, 8);
    private static final LocalDate TUESDAY_MARCH_9 = LocalDate.of(2027, 3, 9);

    // the provider's schedule, changed by each test before it checks a booking
    private Instant now = local(LocalDate.of(2027, 3, 1), LocalTime.of(8, 0));
    private Set<String> serviceIds = Set.of("consult", "therapy");
    private List<WeeklyInterval> weekly = new ArrayList<>(List.of(hours(MONDAY, "09:00", "17:00")));
    private final List<TimeRange> timeOff = new ArrayList<>();
    private final Map<String, TimeRange> reservations = new HashMap<>();

    @Test
    void acceptsBookingInsideWorkingHours() {
        assertAccepted(booking(CONSULT, mondayAt("10:00")));
    }

    @Nested
    class WhenTheStartIsNotBookable {

        @Test
        void rejectsStartInThePast() {
            now = mondayAt("11:00");

            assertRefused(booking(CONSULT, mondayAt("10:00")), ErrorCode.IN_THE_PAST);
        }

        @Test
        void acceptsStartAtTheCurrentInstant() {
            now = mondayAt("10:00");

            assertAccepted(booking(CONSULT, mondayAt("10:00")));
        }

        @Test
        void rejectsStartBeyondBookingHorizon() {
            Instant start = now.plus(Duration.ofDays(180)).plusSeconds(60);
            weekly = List.of(allDay(start.atZone(NEW_YORK).getDayOfWeek()));

            assertRefused(booking(CONSULT, start), ErrorCode.BEYOND_HORIZON);
        }

        @Test
        void acceptsStartExactlyAtBookingHorizon() {
            Instant start = now.plus(Duration.ofDays(180));
            weekly = List.of(allDay(start.atZone(NEW_YORK).getDayOfWeek()));

            assertAccepted(booking(CONSULT, start));
        }
    }

    @Nested
    class Services {

        @Test
        void rejectsServiceTheProviderDoesNotOffer() {
            serviceIds = Set.of("therapy");

            assertRefused(booking(CONSULT, mondayAt("10:00")), ErrorCode.SERVICE_NOT_OFFERED);
        }

        @Test
        void providerWithoutServiceListOffersEveryService() {
            serviceIds = Set.of();

            assertAccepted(booking(CONSULT, mondayAt("10:00")));
        }
    }

    @Nested
    class WorkingHours {

        @Test
        void rejectsBookingBeforeHoursBegin() {
            assertRefused(booking(CONSULT, mondayAt("08:45")), ErrorCode.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void rejectsBookingOnDayWithoutWorkingHours() {
            assertRefused(booking(CONSULT, local(TUESDAY_MARCH_9, LocalTime.of(10, 0))),
                    ErrorCode.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void rejectsBookingWhenNoWorkingHoursAreSet() {
            weekly = List.of();

            assertRefused(booking(CONSULT, mondayAt("10:00")), ErrorCode.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void rejectsBookingWhoseBufferSpillsPastEndOfHours() {
            // the appointment itself ends 16:55, its buffer at 17:05
            assertRefused(booking(CONSULT, mondayAt("16:25")), ErrorCode.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void acceptsBookingWhoseBufferEndsExactlyAtEndOfHours() {
            assertAccepted(booking(CONSULT, mondayAt("16:20")));
        }

        @Test
        void mergesTouchingIntervalsSoBookingMayCrossTheirBoundary() {
            weekly = List.of(hours(MONDAY, "09:00", "12:00"), hours(MONDAY, "12:00", "17:00"));

            assertAccepted(booking(THERAPY, mondayAt("11:30")));
        }

        @Test
        void rejectsBookingThatCrossesABreakBetweenIntervals() {
            weekly = List.of(hours(MONDAY, "09:00", "12:00"), hours(MONDAY, "13:00", "17:00"));

            assertRefused(booking(THERAPY, mondayAt("11:30")), ErrorCode.OUTSIDE_WORKING_HOURS);
        }
    }

    @Nested
    class DaylightSaving {

        @Test
        void readsWorkingHoursInPracticeLocalTimeAfterClocksSpringForward() {
            weekly = List.of(hours(MONDAY, "09:00", "10:00"));

            // 2027-03-15 is in daylight time (EDT, UTC-4): 13:00Z is 09:00 local
            assertAccepted(booking(CONSULT, Instant.parse("2027-03-15T13:00:00Z")));
        }

        @Test
        void rejectsUtcHourThatIsPastLocalHoursInDaylightTime() {
            weekly = List.of(hours(MONDAY, "09:00", "10:00"));

            // 14:00Z is 10:00 EDT, when the provider's hours have ended
            assertRefused(booking(CONSULT, Instant.parse("2027-03-15T14:00:00Z")),
                    ErrorCode.OUTSIDE_WORKING_HOURS);
        }

        @Test
        void readsWorkingHoursInPracticeLocalTimeBeforeClocksSpringForward() {
            weekly = List.of(hours(MONDAY, "09:00", "10:00"));

            // 2027-03-08 is in standard time (EST, UTC-5): 14:00Z is 09:00 local
            assertAccepted(booking(CONSULT, Instant.parse("2027-03-08T14:00:00Z")));
        }
    }

    @Nested
    class TimeOff {

        @Test
        void rejectsBookingDuringTimeOff() {
            timeOff.add(new TimeRange(mondayAt("12:00"), mondayAt("14:00")));

            assertRefused(booking(CONSULT, mondayAt("13:00")), ErrorCode.TIME_OFF);
        }

        @Test
        void rejectsBookingWhoseBufferRunsIntoTimeOff() {
            timeOff.add(new TimeRange(mondayAt("12:00"), mondayAt("14:00")));

            assertRefused(booking(CONSULT, mondayAt("11:25")), ErrorCode.TIME_OFF);
        }

        @Test
        void acceptsBookingThatEndsWhenTimeOffBegins() {
            timeOff.add(new TimeRange(mondayAt("12:00"), mondayAt("14:00")));

            assertAccepted(booking(CONSULT, mondayAt("11:20")));
        }

        @Test
        void acceptsBookingThatStartsWhenTimeOffEnds() {
            timeOff.add(new TimeRange(mondayAt("12:00"), mondayAt("14:00")));

            assertAccepted(booking(CONSULT, mondayAt("14:00")));
        }
    }

    @Nested
    class OtherReservations {

        @Test
        void rejectsBookingThatOverlapsBufferOfExistingReservation() {
            reserved("appointment-a", CONSULT, mondayAt("10:00")); // blocks 10:00-10:40

            assertRefused(booking(CONSULT, mondayAt("10:30")), ErrorCode.SLOT_UNAVAILABLE);
        }

        @Test
        void rejectsBookingWhoseOwnBufferOverlapsNextReservation() {
            reserved("appointment-a", CONSULT, mondayAt("10:00"));

            // 09:30-10:00 is free, but the buffer runs until 10:10
            assertRefused(booking(CONSULT, mondayAt("09:30")), ErrorCode.SLOT_UNAVAILABLE);
        }

        @Test
        void acceptsBookingAdjacentToExistingReservationAtItsBlockedUntil() {
            reserved("appointment-a", CONSULT, mondayAt("10:00"));

            assertAccepted(booking(CONSULT, mondayAt("10:40")));
        }

        @Test
        void acceptsBookingThatEndsWithItsBufferWhenNextReservationStarts() {
            reserved("appointment-a", CONSULT, mondayAt("10:00"));

            assertAccepted(booking(CONSULT, mondayAt("09:20")));
        }

        @Test
        void disregardsTheReservationBeingReplaced() {
            reserved("appointment-a", CONSULT, mondayAt("10:00"));

            assertThatCode(() -> check(booking(CONSULT, mondayAt("10:15")), "appointment-a"))
                    .doesNotThrowAnyException();
        }

        @Test
        void stillRejectsOverlapWithOtherReservationsWhenReplacingOne() {
            reserved("appointment-a", CONSULT, mondayAt("10:00"));
            reserved("appointment-b", CONSULT, mondayAt("11:00"));

            assertThatThrownBy(() -> check(booking(CONSULT, mondayAt("10:45")), "appointment-a"))
                    .isInstanceOfSatisfying(Refusal.class,
                            violation -> assertThat(violation.rejection().code())
                                    .isEqualTo(ErrorCode.SLOT_UNAVAILABLE));
        }
    }

    @Test
    void reportsTheFirstBrokenRuleInTheDocumentedOrder() {
        // outside hours, during time off and over a reservation at once
        timeOff.add(new TimeRange(mondayAt("17:00"), mondayAt("19:00")));
        reserved("appointment-a", CONSULT, mondayAt("18:00"));

        assertRefused(booking(CONSULT, mondayAt("18:00")), ErrorCode.OUTSIDE_WORKING_HOURS);
    }

    // --- helpers

    private void assertAccepted(BookingRequest request) {
        assertThatCode(() -> check(request, null)).doesNotThrowAnyException();
    }

    private void assertRefused(BookingRequest request, ErrorCode expected) {
        assertThatThrownBy(() -> check(request, null))
                .isInstanceOfSatisfying(Refusal.class,
                        violation -> assertThat(violation.rejection().code()).isEqualTo(expected));
    }

    private void check(BookingRequest request, String ignoring) {
        BookingPolicy.check(request, SETTINGS, now, serviceIds, weekly, timeOff, reservations, ignoring);
    }

    private void reserved(String reservationId, ServiceTerms service, Instant start) {
        BookingRequest existing = new BookingRequest(reservationId, service, start);
        reservations.put(reservationId, existing.blocked());
    }

    private static BookingRequest booking(ServiceTerms service, Instant start) {
        return new BookingRequest("new-appointment", service, start);
    }

    private static Instant mondayAt(String localTime) {
        return local(MONDAY_MARCH_8, LocalTime.parse(localTime));
    }

    private static Instant local(LocalDate date, LocalTime time) {
        return ZonedDateTime.of(date, time, NEW_YORK).toInstant();
    }

    private static WeeklyInterval hours(DayOfWeek day, String start, String end) {
        return new WeeklyInterval(day, LocalTime.parse(start), LocalTime.parse(end));
    }

    private static WeeklyInterval allDay(DayOfWeek day) {
        return new WeeklyInterval(day, LocalTime.MIDNIGHT, LocalTime.of(23, 59));
    }
}
