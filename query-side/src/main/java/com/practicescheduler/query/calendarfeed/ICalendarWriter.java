package com.practicescheduler.query.calendarfeed;

import com.practicescheduler.api.appointment.AppointmentStatus;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;
import net.fortuna.ical4j.model.TimeZoneRegistryFactory;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableStatus;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

/**
 * Writes a calendar feed as iCalendar (RFC 5545) with ical4j: one {@code VEVENT} per appointment, its times local
 * to the practice ({@code TZID}) with the zone's {@code VTIMEZONE}, lines ended with CRLF and folded by the library.
 */
final class ICalendarWriter {

    static final String PRODID = "-//Practice Scheduler//Calendar feed 1.0//EN";

    private static final TimeZoneRegistry ZONES = TimeZoneRegistryFactory.getInstance().createRegistry();

    private ICalendarWriter() {
    }

    /** One appointment as the feed shows it: no PHI. */
    record Event(String uid, int sequence, String summary, Instant start, Instant end, AppointmentStatus status) {
    }

    /**
     * The feed of {@code events}, written at {@code now}; times in {@code zoneId}, or in UTC when the zone has no
     * definition ical4j knows.
     */
    static String write(String calendarName, String zoneId, List<Event> events, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId(PRODID));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new XProperty("X-WR-CALNAME", calendarName));
        TimeZone zone = zone(zoneId);
        ZoneId localZone;
        if (zone != null) {
            calendar.add(zone.getVTimeZone());
            localZone = ZoneId.of(zoneId);
        } else {
            localZone = ZoneOffset.UTC;
        }
        Instant stamp = now.truncatedTo(ChronoUnit.SECONDS);
        for (Event event : events) {
            VEvent vevent = new VEvent(false);
            vevent.add(new Uid(event.uid()));
            vevent.add(new DtStamp(stamp));
            if (zone != null) {
                vevent.add(new DtStart<>(event.start().atZone(localZone)));
                vevent.add(new DtEnd<>(event.end().atZone(localZone)));
            } else {
                vevent.add(new DtStart<>(event.start().truncatedTo(ChronoUnit.SECONDS)));
                vevent.add(new DtEnd<>(event.end().truncatedTo(ChronoUnit.SECONDS)));
            }
            vevent.add(new Summary(event.summary()));
            vevent.add(new Sequence(event.sequence()));
            vevent.add(event.status() == AppointmentStatus.CANCELLED
                    || event.status() == AppointmentStatus.LATE_CANCELLED
                    ? ImmutableStatus.VEVENT_CANCELLED : ImmutableStatus.VEVENT_CONFIRMED);
            calendar.add(vevent);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** ical4j's definition of {@code zoneId} ({@code VTIMEZONE}), or null for UTC and zones it does not know. */
    private static TimeZone zone(String zoneId) {
        if (zoneId == null || ZoneId.of(zoneId).normalized().equals(ZoneOffset.UTC)) {
            return null;
        }
        return ZONES.getTimeZone(zoneId);
    }
}
