package com.practicescheduler.query.availability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.query.availability.AvailabilityCalculator.ProviderTime;
import com.practicescheduler.query.availability.AvailabilityCalculator.Slot;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class AvailabilityCalculatorTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** A Tuesday well away from any daylight-saving change. */
    private static final LocalDate TUESDAY = LocalDate.of(2027, 6, 8);
    private static final Instant LONG_AGO = Instant.parse("2020-01-01T00:00:00Z");
    private static final Instant FAR_AHEAD = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void firstSlotIsTheFirstGridTimeInsideWorkingHours() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:10", "12:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 15,
                Duration.ofMinutes(30), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).first().isEqualTo(local(TUESDAY, "09:15"));
        assertThat(startTimes(slots)).allSatisfy(start ->
                assertThat(start.atZone(NEW_YORK).getMinute() % 15).isZero());
        assertThat(startTimes(slots)).last().isEqualTo(local(TUESDAY, "11:30"));
    }

    @Test
    void serviceAndBufferMustBothFitBeforeWorkingHoursEnd() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "10:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 15,
                Duration.ofMinutes(50), Duration.ofMinutes(10), LONG_AGO, FAR_AHEAD);

        assertThat(slots).containsExactly(
                new Slot("dr-a", local(TUESDAY, "09:00"), local(TUESDAY, "09:50")));
    }

    @Test
    void noSlotWhenServiceAndBufferAreLongerThanTheWorkingDay() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "10:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 15,
                Duration.ofMinutes(55), Duration.ofMinutes(10), LONG_AGO, FAR_AHEAD);

        assertThat(slots).isEmpty();
    }

    @Test
    void blockedTimeRemovesOverlappingStartsButNotTheOneRightAtItsEnd() {
        TimeRange appointmentWithBuffer = new TimeRange(local(TUESDAY, "10:00"), local(TUESDAY, "11:00"));
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "12:00"),
                List.of(appointmentWithBuffer));

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 15,
                Duration.ofMinutes(20), Duration.ofMinutes(10), LONG_AGO, FAR_AHEAD);

        // 09:30 + 20 min + 10 min buffer ends exactly at 10:00: still free; 09:45 would run into the appointment
        assertThat(startTimes(slots)).containsExactly(
                local(TUESDAY, "09:00"), local(TUESDAY, "09:15"), local(TUESDAY, "09:30"),
                local(TUESDAY, "11:00"), local(TUESDAY, "11:15"), local(TUESDAY, "11:30"));
    }

    @Test
    void timeOffRemovesTheSlotsItCovers() {
        TimeRange lunch = new TimeRange(local(TUESDAY, "12:00"), local(TUESDAY, "13:00"));
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "11:00", "14:00"),
                List.of(lunch));

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 30,
                Duration.ofMinutes(30), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(
                local(TUESDAY, "11:00"), local(TUESDAY, "11:30"), local(TUESDAY, "13:00"), local(TUESDAY, "13:30"));
    }

    @Test
    void slotsThatAlreadyStartedAreNotOffered() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "12:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), NEW_YORK, 60,
                Duration.ofMinutes(60), Duration.ZERO, local(TUESDAY, "09:30"), FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(local(TUESDAY, "10:00"), local(TUESDAY, "11:00"));
    }

    @Test
    void slotsBeyondTheBookingHorizonAreNotOffered() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "12:00"), List.of());
        LocalDate nextTuesday = TUESDAY.plusWeeks(1);

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY, nextTuesday), NEW_YORK,
                60, Duration.ofMinutes(60), Duration.ZERO, LONG_AGO, local(TUESDAY, "10:30"));

        assertThat(startTimes(slots)).containsExactly(local(TUESDAY, "09:00"), local(TUESDAY, "10:00"));
    }

    @Test
    void onlyTheWorkingWeekdaysOfTheRequestedDatesHaveSlots() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "10:00"), List.of());
        List<LocalDate> wholeWeek = TUESDAY.minusDays(1).datesUntil(TUESDAY.plusDays(6)).toList();

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), wholeWeek, NEW_YORK, 60,
                Duration.ofMinutes(60), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(local(TUESDAY, "09:00"));
    }

    @Test
    void slotsOfSeveralProvidersAreOrderedByStartThenProvider() {
        ProviderTime later = new ProviderTime("dr-b", weekly(DayOfWeek.TUESDAY, "09:00", "10:30"), List.of());
        ProviderTime earlierId = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:30", "10:30"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(later, earlierId), List.of(TUESDAY), NEW_YORK, 30,
                Duration.ofMinutes(30), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(slots).extracting(Slot::providerId, Slot::start).containsExactly(
                tuple("dr-b", local(TUESDAY, "09:00")),
                tuple("dr-a", local(TUESDAY, "09:30")),
                tuple("dr-b", local(TUESDAY, "09:30")),
                tuple("dr-a", local(TUESDAY, "10:00")),
                tuple("dr-b", local(TUESDAY, "10:00")));
    }

    @Test
    void slotsKeepTheirWallClockTimeWhenDaylightSavingStarts() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.MONDAY, "09:00", "10:00"), List.of());

        // DST starts in New York on Sunday 2027-03-14: 09:00 is UTC-5 the Monday before, UTC-4 the Monday after
        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider),
                List.of(LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 15)), NEW_YORK, 60,
                Duration.ofMinutes(60), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(slots).containsExactly(
                new Slot("dr-a", Instant.parse("2027-03-08T14:00:00Z"), Instant.parse("2027-03-08T15:00:00Z")),
                new Slot("dr-a", Instant.parse("2027-03-15T13:00:00Z"), Instant.parse("2027-03-15T14:00:00Z")));
        assertThat(startTimes(slots)).allSatisfy(start ->
                assertThat(start.atZone(NEW_YORK).toLocalTime()).isEqualTo(LocalTime.of(9, 0)));
    }

    @Test
    void slotsKeepTheirWallClockTimeWhenDaylightSavingEnds() {
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.MONDAY, "09:00", "10:00"), List.of());

        // DST ends in New York on Sunday 2027-11-07: 09:00 is UTC-4 the Monday before, UTC-5 the Monday after
        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider),
                List.of(LocalDate.of(2027, 11, 1), LocalDate.of(2027, 11, 8)), NEW_YORK, 60,
                Duration.ofMinutes(60), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(
                Instant.parse("2027-11-01T13:00:00Z"), Instant.parse("2027-11-08T14:00:00Z"));
    }

    @Test
    void theHourSkippedWhenClocksGoForwardOffersNoSlotAndNoSlotTwice() {
        // Sunday 2027-03-14 in New York: 02:00 jumps to 03:00; a night shift 01:00-04:00 has two hours of work
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.SUNDAY, "01:00", "04:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(LocalDate.of(2027, 3, 14)),
                NEW_YORK, 30, Duration.ofMinutes(30), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(
                Instant.parse("2027-03-14T06:00:00Z"), Instant.parse("2027-03-14T06:30:00Z"),
                Instant.parse("2027-03-14T07:00:00Z"), Instant.parse("2027-03-14T07:30:00Z"));
    }

    @Test
    void gridFollowsLocalTimeInAZoneWithAHalfHourOffset() {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+05:30: a UTC-based grid would be off by half an hour
        ProviderTime provider = new ProviderTime("dr-a", weekly(DayOfWeek.TUESDAY, "09:00", "11:00"), List.of());

        List<Slot> slots = AvailabilityCalculator.slots(List.of(provider), List.of(TUESDAY), kolkata, 60,
                Duration.ofMinutes(60), Duration.ZERO, LONG_AGO, FAR_AHEAD);

        assertThat(startTimes(slots)).containsExactly(
                Instant.parse("2027-06-08T03:30:00Z"), Instant.parse("2027-06-08T04:30:00Z"));
    }

    private static List<WeeklyInterval> weekly(DayOfWeek day, String start, String end) {
        return List.of(new WeeklyInterval(day, LocalTime.parse(start), LocalTime.parse(end)));
    }

    private static Instant local(LocalDate date, String time) {
        return LocalDateTime.of(date, LocalTime.parse(time)).atZone(NEW_YORK).toInstant();
    }

    private static List<Instant> startTimes(List<Slot> slots) {
        return slots.stream().map(Slot::start).toList();
    }

    @Test
    void unavailableTimeIsFoundByItsIndexExactlyAsByLookingAtEveryRange() {
        java.util.Random random = new java.util.Random(20261205);
        Instant base = Instant.parse("2027-03-01T00:00:00Z");
        for (int round = 0; round < 200; round++) {
            List<TimeRange> ranges = new java.util.ArrayList<>();
            for (int i = random.nextInt(40); i > 0; i--) {
                Instant start = base.plus(Duration.ofMinutes(random.nextInt(3000)));
                ranges.add(new TimeRange(start, start.plus(Duration.ofMinutes(1 + random.nextInt(600)))));
            }
            AvailabilityCalculator.Unavailable index = new AvailabilityCalculator.Unavailable(ranges);
            for (int probe = 0; probe < 200; probe++) {
                Instant from = base.plus(Duration.ofMinutes(random.nextInt(3600)));
                TimeRange wanted = new TimeRange(from, from.plus(Duration.ofMinutes(1 + random.nextInt(120))));
                assertThat(index.overlaps(wanted.start(), wanted.end()))
                        .as("%s against %s", wanted, ranges)
                        .isEqualTo(ranges.stream().anyMatch(wanted::overlaps));
            }
        }
    }
}
