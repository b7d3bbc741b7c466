package com.practicescheduler.query.calendarfeed;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.AppointmentStatus;
import java.io.StringReader;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.Temporal;
import java.util.List;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;

/** The feed's text, read back with ical4j's parser and validator. */
class ICalendarWriterTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123Z");

    @Test
    void localTimesCarryTheirZoneAndTheZoneIsDefined() throws Exception {
        String text = ICalendarWriter.write("Dr. Ruiz", "America/New_York", List.of(
                event("a1@example.org", 0, "2027-03-08T22:00:00Z", AppointmentStatus.BOOKED),
                event("a2@example.org", 3, "2027-03-15T21:00:00Z", AppointmentStatus.LATE_CANCELLED)), NOW);

        assertThat(text).contains("DTSTART;TZID=America/New_York:20270308T170000\r\n")
                .contains("DTSTART;TZID=America/New_York:20270315T170000\r\n")
                .contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n")
                .contains("DTSTAMP:20261123T120000Z\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        List<VEvent> events = parse(text).getComponents("VEVENT");
        assertThat(events).extracting(e -> e.getProperty(Property.STATUS).orElseThrow().getValue())
                .containsExactly("CONFIRMED", "CANCELLED");
        assertThat(events).extracting(e -> e.getProperty(Property.SEQUENCE).orElseThrow().getValue())
                .containsExactly("0", "3");
        assertThat(events).allSatisfy(e -> assertThat(LocalTime.ofInstant(instant(e), ZoneId.of("America/New_York")))
                .isEqualTo(LocalTime.of(17, 0)));
    }

    @Test
    void aUtcPracticeGetsUtcTimesWithoutATimeZoneDefinition() throws Exception {
        String text = ICalendarWriter.write("Dr. Ruiz", "UTC", List.of(
                event("a1@example.org", 1, "2026-12-01T09:00:00Z", AppointmentStatus.COMPLETED)), NOW);

        assertThat(text).contains("DTSTART:20261201T090000Z\r\n").doesNotContain("VTIMEZONE");
        assertThat(instant(parse(text).<VEvent>getComponents("VEVENT").get(0)))
                .isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
    }

    @Test
    void longSummariesAreFoldedAsRfc5545Says() throws Exception {
        String name = "Individual therapy ".repeat(10).strip();
        String text = ICalendarWriter.write("Dr. Ruiz", "UTC", List.of(new ICalendarWriter.Event("a1@example.org",
                0, name, Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T09:50:00Z"),
                AppointmentStatus.BOOKED)), NOW);

        assertThat(text.split("\r\n")).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(75));
        assertThat(parse(text).<VEvent>getComponents("VEVENT").get(0).getProperty(Property.SUMMARY).orElseThrow()
                .getValue()).isEqualTo(name);
    }

    private static ICalendarWriter.Event event(String uid, int sequence, String start, AppointmentStatus status) {
        Instant at = Instant.parse(start);
        return new ICalendarWriter.Event(uid, sequence, "Therapy", at, at.plusSeconds(3000), status);
    }

    private static Calendar parse(String text) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        assertThat(calendar.validate().hasErrors()).as(calendar.validate().getEntries().toString()).isFalse();
        return calendar;
    }

    private static Instant instant(VEvent event) {
        Temporal start = event.getDateTimeStart().getDate();
        return Instant.from(start);
    }
}
