package com.practicescheduler.query.calendarfeed;

import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.openapi.NoToken;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.query.appointment.AppointmentProjection;
import com.practicescheduler.query.groupsession.GroupSessionProjection;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's calendar feed (ADR 19): iCalendar at an unguessable URL, no login (the token in the path is the
 * credential). Revoked and unknown feeds are not found. Every access is audited with the feed as the actor.
 */
@Tag(name = "Calendar feeds")
@NoToken
@RestController
class CalendarFeedController {

    /** How far back the feed reaches. */
    static final Duration PAST = Duration.ofDays(30);
    /** The most events (appointments and group sessions) one feed shows: the earliest of its window. */
    static final int MAX_EVENTS = 2000;
    static final MediaType TEXT_CALENDAR = new MediaType("text", "calendar", StandardCharsets.UTF_8);

    private final CalendarFeedProjection feeds;
    private final AppointmentProjection appointments;
    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final GroupSessionProjection sessions;
    private final AuditLog audit;
    private final Clock clock;
    private final String uidDomain;

    CalendarFeedController(CalendarFeedProjection feeds, AppointmentProjection appointments,
                           PracticeProjection practices, ProviderProjection providers,
                           GroupSessionProjection sessions, AuditLog audit, Clock clock,
                           @Value("${practice-scheduler.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.feeds = feeds;
        this.appointments = appointments;
        this.practices = practices;
        this.providers = providers;
        this.sessions = sessions;
        this.audit = audit;
        this.clock = clock;
        String host = URI.create(publicBaseUrl).getHost();
        this.uidDomain = host == null ? "practice-scheduler" : host;
    }

    @Operation(operationId = "getCalendarFeed",
            summary = "A provider's appointments as iCalendar (text/calendar, RFC 5545), no login")
    @Refuses({ErrorCode.NOT_FOUND})
    @ApiResponse(responseCode = "200", description = "The feed (text/calendar)",
            content = @Content(mediaType = "text/calendar", schema = @Schema(type = "string")))
    @GetMapping("/calendar-feeds/{token}.ics")
    ResponseEntity<String> feed(@PathVariable String token) {
        CalendarFeedProjection.Feed feed = feeds.live(token)
                .orElseThrow(() -> Refusal.notFound("Calendar feed"));
        Instant now = clock.instant();
        PracticeSettings settings = practices.settings(feed.practiceId());
        ZoneId zone = ZoneId.of(settings.timeZone());
        LocalDate today = LocalDate.ofInstant(now, zone);
        Instant from = today.atStartOfDay(zone).minus(PAST).toInstant();
        Instant to = today.plusDays(settings.bookingHorizonDays() + 1L).atStartOfDay(zone).toInstant();
        Map<String, String> summaries = new HashMap<>();
        List<ICalendarWriter.Event> events = new ArrayList<>();
        boolean initials = settings.calendarPatientInitials();
        Set<String> patientsShown = new LinkedHashSet<>();
        appointments.feed(feed.practiceId(), feed.providerId(), from, to, MAX_EVENTS).forEach(entry -> {
            String summary = summaries.computeIfAbsent(entry.serviceId(), id -> service(feed.practiceId(), id));
            if (initials && entry.initials() != null) {
                // the practice allows it: the patient's initials, and the feed's read names the patient
                summary = summary + " (" + entry.initials() + ")";
                patientsShown.add(entry.patientId());
            }
            events.add(new ICalendarWriter.Event(entry.uid() + "@" + uidDomain, entry.sequence(), summary,
                    entry.start(), entry.end(), entry.status()));
        });
        // a group session is one event, the provider's time, however many seats it has; cancelling it is its change
        sessions.ofProvider(feed.practiceId(), feed.providerId(), from, to, MAX_EVENTS).forEach(session ->
                events.add(new ICalendarWriter.Event(session.id() + "@" + uidDomain,
                        session.status() == GroupSessionStatus.CANCELLED ? 1 : 0,
                        summaries.computeIfAbsent(session.serviceId(), id -> service(feed.practiceId(), id))
                                + " (group session)", session.start(), session.end(),
                        session.status() == GroupSessionStatus.CANCELLED ? AppointmentStatus.CANCELLED
                                : AppointmentStatus.BOOKED)));
        events.sort(Comparator.comparing(ICalendarWriter.Event::start).thenComparing(ICalendarWriter.Event::uid));
        if (events.size() > MAX_EVENTS) {
            events.subList(MAX_EVENTS, events.size()).clear();
        }
        String name = providers.provider(feed.practiceId(), feed.providerId())
                .map(ProviderProjection.ProviderView::displayName).orElse("Appointments");
        String body = ICalendarWriter.write(name, settings.timeZone(), events, now);
        audit.readThroughLink(feed.practiceId(), "calendar-feed:" + feed.id(), "ReadCalendarFeed",
                "ProviderCalendar", feed.providerId(), patientsShown);
        return ResponseEntity.ok().contentType(TEXT_CALENDAR).cacheControl(CacheControl.noStore()).body(body);
    }

    /** What an event is called: its service's name, never the patient's. */
    private String service(String practiceId, String serviceId) {
        return practices.service(practiceId, serviceId).map(PracticeProjection.ServiceView::name)
                .orElse("Appointment");
    }
}
