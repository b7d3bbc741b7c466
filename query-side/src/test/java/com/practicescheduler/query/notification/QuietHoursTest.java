package com.practicescheduler.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.practice.QuietHours;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** A message due inside the practice's quiet hours waits for their end, in the practice's zone. */
class QuietHoursTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final QuietHours OVERNIGHT = new QuietHours(LocalTime.of(20, 0), LocalTime.of(8, 0));

    @Test
    void aMessageDueOutsideQuietHoursKeepsItsTime() {
        Instant noon = Instant.parse("2026-11-25T17:00:00Z");
        assertThat(MessagePlanner.outsideQuietHours(noon, OVERNIGHT, NEW_YORK)).isEqualTo(noon);
        assertThat(MessagePlanner.outsideQuietHours(noon, null, NEW_YORK)).isEqualTo(noon);
    }

    @Test
    void aMessageDueEarlyInTheMorningWaitsForTheEndTheSameDay() {
        assertThat(MessagePlanner.outsideQuietHours(Instant.parse("2026-11-25T12:00:00Z"), OVERNIGHT, NEW_YORK))
                .as("07:00 New York").isEqualTo(Instant.parse("2026-11-25T13:00:00Z"));
    }

    @Test
    void aMessageDueLateInTheEveningWaitsForTheNextMorning() {
        assertThat(MessagePlanner.outsideQuietHours(Instant.parse("2026-11-26T03:30:00Z"), OVERNIGHT, NEW_YORK))
                .as("22:30 New York").isEqualTo(Instant.parse("2026-11-26T13:00:00Z"));
    }

    @Test
    void quietHoursInsideOneDayAndAcrossADaylightSavingChange() {
        QuietHours lunch = new QuietHours(LocalTime.of(12, 0), LocalTime.of(13, 0));
        assertThat(MessagePlanner.outsideQuietHours(Instant.parse("2026-11-25T17:30:00Z"), lunch, NEW_YORK))
                .isEqualTo(Instant.parse("2026-11-25T18:00:00Z"));
        // 2027-03-14: clocks go forward in New York; 08:00 that morning is 12:00 UTC, not 13:00
        assertThat(MessagePlanner.outsideQuietHours(Instant.parse("2027-03-14T04:00:00Z"), OVERNIGHT, NEW_YORK))
                .isEqualTo(Instant.parse("2027-03-14T12:00:00Z"));
    }

    @Test
    void equalStartAndEndMeanNoQuietHours() {
        QuietHours none = new QuietHours(LocalTime.of(8, 0), LocalTime.of(8, 0));
        Instant at = Instant.parse("2026-11-25T13:00:00Z");
        assertThat(MessagePlanner.outsideQuietHours(at, none, NEW_YORK)).isEqualTo(at);
    }
}
