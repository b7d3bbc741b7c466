package com.practicescheduler.command.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.series.Recurrence;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrencesTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    /** Tuesday 2 March 2027, 17:00 in New York (-05:00). */
    private static final Instant TUESDAY_17 = Instant.parse("2027-03-02T22:00:00Z");

    @Test
    void aWeeklyOccurrenceKeepsItsLocalTimeWhenTheClocksChange() {
        List<Instant> starts = Recurrences.starts(TUESDAY_17, new Recurrence(1, List.of(), 3, null), NEW_YORK, null,
                null, 104);

        // after 14 March 2027 New York is at -04:00: 17:00 local is 21:00 UTC
        assertThat(starts).containsExactly(Instant.parse("2027-03-02T22:00:00Z"),
                Instant.parse("2027-03-09T22:00:00Z"), Instant.parse("2027-03-16T21:00:00Z"));
    }

    @Test
    void everyOtherWeekOnSeveralDaysFromTheStartsDateUntilTheLastDayInclusive() {
        List<Instant> starts = Recurrences.starts(TUESDAY_17, new Recurrence(2,
                List.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY), null, LocalDate.parse("2027-03-15")), NEW_YORK,
                null, null, 104);

        // Monday 1 March is before the start; the week of 8 March is skipped; Monday 15 March is the last day
        assertThat(starts).extracting(start -> start.atZone(NEW_YORK).toLocalDateTime().toString())
                .containsExactly("2027-03-04T17:00", "2027-03-15T17:00");
    }

    @Test
    void anOpenEndedRecurrenceGoesOnAfterWhatWasPlannedUpToTheGivenLimit() {
        Recurrence weekly = new Recurrence(1, List.of(DayOfWeek.TUESDAY), null, null);

        List<Instant> next = Recurrences.starts(TUESDAY_17, weekly, NEW_YORK, Instant.parse("2027-03-09T22:00:00Z"),
                Instant.parse("2027-03-31T00:00:00Z"), 104);

        assertThat(next).containsExactly(Instant.parse("2027-03-16T21:00:00Z"), Instant.parse("2027-03-23T21:00:00Z"),
                Instant.parse("2027-03-30T21:00:00Z"));
        assertThat(Recurrences.starts(TUESDAY_17, weekly, NEW_YORK, null, null, 5)).hasSize(5);
    }

    @Test
    void theCountCountsOccurrencesFromTheFirstNotFromWhereAnExtensionGoesOn() {
        Recurrence four = new Recurrence(1, List.of(), 4, null);

        assertThat(Recurrences.starts(TUESDAY_17, four, NEW_YORK, Instant.parse("2027-03-09T22:00:00Z"), null, 104))
                .hasSize(2);
    }

    @Test
    void occurrenceIdsAreTheSameForTheSameSeriesAndStartOnly() {
        assertThat(Recurrences.occurrenceId("s-1", TUESDAY_17)).isEqualTo(Recurrences.occurrenceId("s-1", TUESDAY_17))
                .isNotEqualTo(Recurrences.occurrenceId("s-2", TUESDAY_17))
                .isNotEqualTo(Recurrences.occurrenceId("s-1", TUESDAY_17.plusSeconds(60)));
    }
}
