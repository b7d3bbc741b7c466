package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.Role;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.validate.ValidationResult;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Calendar feeds (issue 20, ADR 19): created and revoked over the API, served as iCalendar at an unguessable URL
 * without a login, parsed and validated here with ical4j (not the code that wrote them).
 */
class CalendarFeedsTest extends IntegrationTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aFeedIsValidICalendarWithOneEventPerAppointmentAndNoPatientData() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:00:00-05:00");

        Api.Response created = createFeed(practice.admin, s.providerId());
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        String url = created.body().path("url").asText();
        assertThat(url).matches("http://localhost:8080/calendar-feeds/[A-Za-z0-9_-]{43}\\.ics");
        assertThat(created.body().path("id").asText()).isNotBlank();

        Api.Response served = api.get(null, path(url));
        assertThat(served.status()).isEqualTo(200);
        // some calendar apps look before they fetch
        assertThat(api.send(null, "HEAD", path(url), null, Map.of()).status()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        assertThat(served.text()).startsWith("BEGIN:VCALENDAR\r\n").contains("\r\nEND:VEVENT\r\n")
                .doesNotContain("Lovelace").doesNotContain("Ada").doesNotContain(s.patientId())
                .doesNotContain("1985-04-12").doesNotContain("pat@example.org");
        Calendar calendar = parseAndValidate(served.text());
        assertThat(calendar.getProperty(Property.PRODID)).isPresent();
        assertThat(calendar.getProperty(Property.VERSION).orElseThrow().getValue()).isEqualTo("2.0");
        List<VTimeZone> zones = calendar.getComponents("VTIMEZONE");
        assertThat(zones).extracting(z -> z.getProperty(Property.TZID).orElseThrow().getValue())
                .containsExactly("America/New_York");
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(1);
        VEvent event = events.get(0);
        assertThat(value(event, Property.UID)).isEqualTo(appointment + "@localhost");
        assertThat(value(event, Property.STATUS)).isEqualTo("CONFIRMED");
        assertThat(value(event, Property.SUMMARY)).isEqualTo("Individual therapy");
        assertThat(event.getProperty(Property.DTSTAMP)).isPresent();
        assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow()
                .getValue()).isEqualTo("America/New_York");
        assertThat(start(event)).isEqualTo(Instant.parse("2026-12-01T14:00:00Z"));
        assertThat(end(event)).isEqualTo(Instant.parse("2026-12-01T14:50:00Z"));
    }

    @Test
    void patientInitialsAppearOnlyOnceThePracticeAllowsThemAndTheReadThenNamesThePatient() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        String url = createFeed(practice.admin, s.providerId()).body().path("url").asText();
        assertThat(value(onlyEvent(feed(url)), Property.SUMMARY)).isEqualTo("Individual therapy");

        Api.Response allowed = api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone",
                "America/New_York", "calendarPatientInitials", true));
        assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
        assertThat(api.get(practice.admin, "/api/v1/practice/settings").body().path("calendarPatientInitials")
                .asBoolean()).isTrue();
        String text = feed(url);
        assertThat(value(onlyEvent(text), Property.SUMMARY)).isEqualTo("Individual therapy (A.L.)");
        assertThat(text).doesNotContain("Lovelace");
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?action=ReadCalendarFeed&patientId=" + s.patientId()).body().path("entries"))
                .as("the read that showed the initials, and only it").hasSize(1));
        assertSlug(api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "calendarPatientInitials", "sometimes")), 400, "validation-failed");
    }

    @Test
    void aRescheduleKeepsTheUidAndRaisesTheSequenceAndACancellationIsCancelled() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:00:00-05:00");
        String url = createFeed(practice.admin, s.providerId()).body().path("url").asText();
        VEvent before = onlyEvent(feed(url));
        int sequenceBefore = sequence(before);

        Api.Response moved = api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/reschedule",
                Map.of("start", "2026-12-02T10:00:00-05:00"));
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        String successor = moved.id();
        assertThat(successor).isNotBlank().isNotEqualTo(appointment);
        VEvent rescheduled = onlyEvent(feed(url));
        assertThat(value(rescheduled, Property.UID)).isEqualTo(value(before, Property.UID));
        assertThat(sequence(rescheduled)).isGreaterThan(sequenceBefore);
        assertThat(start(rescheduled)).isEqualTo(Instant.parse("2026-12-02T15:00:00Z"));
        assertThat(value(rescheduled, Property.STATUS)).isEqualTo("CONFIRMED");

        Api.Response cancelled = api.post(practice.scheduler, "/api/v1/appointments/" + successor + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        VEvent gone = onlyEvent(feed(url));
        assertThat(value(gone, Property.UID)).isEqualTo(value(before, Property.UID));
        assertThat(value(gone, Property.STATUS)).isEqualTo("CANCELLED");
        assertThat(sequence(gone)).isGreaterThan(sequence(rescheduled));
    }

    @Test
    void fivePmStaysFivePmLocalAcrossTheSpringForwardChange() throws Exception {
        PracticeFixture practice = newPractice();
        practice.settings("America/New_York");
        String service = practice.service(50, 10);
        String provider = practice.provider();
        practice.hours(provider, "17:00", "18:00", "MONDAY");
        String patient = practice.patient("Grace", "Hopper");
        practice.booked(patient, provider, service, "2027-03-08T17:00:00-05:00");
        practice.booked(patient, provider, service, "2027-03-15T17:00:00-04:00");

        Calendar calendar = parseAndValidate(feed(createFeed(practice.admin, provider).body().path("url").asText()));
        List<VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).hasSize(2);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.getProperty(Property.DTSTART).orElseThrow().getParameter("TZID").orElseThrow()
                    .getValue()).isEqualTo("America/New_York");
            assertThat(LocalTime.ofInstant(start(event), NEW_YORK)).isEqualTo(LocalTime.of(17, 0));
        });
        // the same wall-clock time is an hour earlier in UTC once New York is on daylight time (14 March 2027)
        assertThat(events).extracting(CalendarFeedsTest::start).containsExactlyInAnyOrder(
                Instant.parse("2027-03-08T22:00:00Z"), Instant.parse("2027-03-15T21:00:00Z"));
        assertThat(events).extracting(event -> event.getProperty(Property.DTSTART).orElseThrow().getValue())
                .containsExactlyInAnyOrder("20270308T170000", "20270315T170000");
    }

    @Test
    void seriesOccurrencesAreEventsOfTheirOwn() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response series = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId",
                s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                "start", "2026-12-01T11:00:00-05:00", "recurrence", Map.of("everyWeeks", 1, "count", 3)));
        assertThat(series.status()).as(series.toString()).isEqualTo(201);

        List<VEvent> events = parseAndValidate(feed(createFeed(practice.admin, s.providerId()).body().path("url")
                .asText())).getComponents("VEVENT");
        assertThat(events).hasSize(3);
        assertThat(events).extracting(event -> value(event, Property.UID)).doesNotHaveDuplicates();
        assertThat(events).extracting(CalendarFeedsTest::start).containsExactlyInAnyOrder(
                Instant.parse("2026-12-01T16:00:00Z"), Instant.parse("2026-12-08T16:00:00Z"),
                Instant.parse("2026-12-15T16:00:00Z"));
    }

    @Test
    void aGroupSessionIsOneEventHoweverManySeatsAndItsCancellationCancelsIt() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String group = GroupSessionsTest.groupService(practice, 4, api);
        String session = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                s.providerId(), "serviceId", group, "start", "2026-12-02T10:00:00-05:00")).id();
        String empty = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                s.providerId(), "serviceId", group, "start", "2026-12-02T14:00:00-05:00")).id();
        for (String patient : List.of(s.patientId(), practice.patient("Grace", "Hopper"))) {
            Api.Response seat = api.post(practice.scheduler, "/api/v1/group-sessions/" + session + "/participants",
                    Map.of("patientId", patient));
            assertThat(seat.status()).as(seat.toString()).isEqualTo(201);
        }
        String url = createFeed(practice.admin, s.providerId()).body().path("url").asText();

        String text = feed(url);
        List<VEvent> events = parseAndValidate(text).getComponents("VEVENT");
        assertThat(events).extracting(event -> value(event, Property.UID) + " " + value(event, Property.STATUS)
                        + " " + value(event, Property.SEQUENCE))
                .as("each session once, the provider's time, with no seats yet too")
                .containsExactly(session + "@localhost CONFIRMED 0", empty + "@localhost CONFIRMED 0");
        assertThat(events).extracting(event -> value(event, Property.SUMMARY))
                .containsOnly("DBT skills group (group session)");
        assertThat(text).doesNotContain("Hopper").doesNotContain("Lovelace");

        assertThat(api.post(practice.scheduler, "/api/v1/group-sessions/" + empty + "/cancel",
                Map.of("reason", "PRACTICE")).status()).isEqualTo(200);
        List<VEvent> after = parseAndValidate(feed(url)).getComponents("VEVENT");
        assertThat(after).extracting(event -> value(event, Property.UID) + " " + value(event, Property.STATUS)
                        + " " + value(event, Property.SEQUENCE))
                .containsExactly(session + "@localhost CONFIRMED 0", empty + "@localhost CANCELLED 1");
    }

    @Test
    void aRevokedOrUnknownFeedIsNotFound() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response created = createFeed(practice.admin, s.providerId());
        String url = created.body().path("url").asText();
        assertThat(api.get(null, path(url)).status()).isEqualTo(200);

        Api.Response revoked = api.delete(practice.admin, "/api/v1/providers/" + s.providerId()
                + "/calendar-feeds/" + created.id());
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
        assertThat(api.get(null, path(url)).status()).isEqualTo(404);
        assertThat(api.delete(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds/"
                + created.id()).status()).isEqualTo(404);
        assertThat(api.get(null, "/calendar-feeds/" + "A".repeat(43) + ".ics").status()).isEqualTo(404);
        assertThat(api.get(null, "/calendar-feeds/short.ics").status()).isEqualTo(404);
        // what a calendar app asks for: still a plain 404
        assertThat(api.send(null, "GET", path(url), null, Map.of("Accept", "text/calendar")).status())
                .isEqualTo(404);
        // the URL is the credential: a bearer token does not reach a feed without it, nor any other method
        assertThat(api.get(practice.admin, "/calendar-feeds/").status()).isIn(401, 403, 404);
        assertThat(api.post(null, path(url), null).status()).isIn(401, 403);
    }

    @Test
    void cliniciansManageOnlyTheirOwnFeedsAdminsAnyOfTheirPractice() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String colleague = practice.provider();
        String feeds = "/api/v1/providers/" + s.providerId() + "/calendar-feeds";

        Api.Response own = createFeed(practice.clinician(s.providerId()), s.providerId());
        assertThat(own.status()).as(own.toString()).isEqualTo(201);
        assertThat(createFeed(practice.clinician(colleague), s.providerId()).slug()).isEqualTo("forbidden");
        assertThat(api.delete(practice.clinician(colleague), feeds + "/" + own.id()).slug()).isEqualTo("forbidden");
        for (Role role : List.of(Role.SCHEDULER, Role.COMPLIANCE_OFFICER, Role.ANALYST)) {
            assertThat(createFeed(practice.token(role), s.providerId()).status()).as(role.name()).isEqualTo(403);
        }
        assertThat(createFeed(practice.admin, colleague).status()).isEqualTo(201);
        PracticeFixture other = newPractice();
        assertThat(createFeed(other.admin, s.providerId()).slug()).isEqualTo("not-found");
        assertThat(api.delete(other.admin, feeds + "/" + own.id()).slug()).isEqualTo("not-found");
        assertThat(createFeed(practice.admin, "provider-unknown").slug()).isEqualTo("not-found");
        assertThat(api.delete(practice.clinician(s.providerId()), feeds + "/" + own.id()).status()).isEqualTo(204);
    }

    @Test
    void aProviderHasAtMostTenLiveFeeds() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Api.Response created = createFeed(practice.admin, s.providerId());
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            ids.add(created.id());
        }
        Api.Response eleventh = createFeed(practice.admin, s.providerId());
        assertThat(eleventh.status()).isEqualTo(400);
        assertThat(eleventh.slug()).isEqualTo("validation-failed");
        assertThat(api.delete(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds/"
                + ids.get(0)).status()).isEqualTo(204);
        assertThat(createFeed(practice.admin, s.providerId()).status()).isEqualTo(201);
    }

    @Test
    void creatingRevokingAndEveryAccessAreAudited() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response created = createFeed(practice.admin, s.providerId());
        String feedId = created.id();
        String token = path(created.body().path("url").asText()).replaceAll(".*/|\\.ics$", "");
        api.get(null, path(created.body().path("url").asText()));
        api.get(null, path(created.body().path("url").asText()));
        api.delete(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds/" + feedId);
        // a method the feed's URL does not serve is refused and recorded, without the token
        assertThat(api.post(practice.admin, path(created.body().path("url").asText()), null).status())
                .isEqualTo(403);

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entries = api.get(practice.compliance, "/api/v1/audit?limit=50").body().path("entries");
            List<String> seen = new ArrayList<>();
            entries.forEach(entry -> seen.add(entry.path("action").asText() + " " + entry.path("actor").asText()
                    + " " + entry.path("resourceType").asText() + " " + entry.path("resourceId").asText()));
            assertThat(seen).contains("CreateCalendarFeed user-practice_admin CalendarFeed " + feedId,
                    "RevokeCalendarFeed user-practice_admin CalendarFeed " + feedId);
            assertThat(seen).filteredOn(line -> line.equals("ReadCalendarFeed calendar-feed:" + feedId
                    + " ProviderCalendar " + s.providerId())).hasSize(2);
            assertThat(seen).anyMatch(line -> line.startsWith("POST /calendar-feeds/{token} user-practice_admin Route"));
            assertThat(entries.toString()).doesNotContain(token);
        });
    }

    private Api.Response createFeed(String token, String providerId) {
        return api.post(token, "/api/v1/providers/" + providerId + "/calendar-feeds", null);
    }

    /** The path of a feed's URL (its host is the configured public one; the test server listens elsewhere). */
    static String path(String url) {
        return URI.create(url).getRawPath();
    }

    private String feed(String url) {
        Api.Response served = api.get(null, path(url));
        assertThat(served.status()).as(served.toString()).isEqualTo(200);
        return served.text();
    }

    static Calendar parseAndValidate(String text) throws Exception {
        Calendar calendar = new CalendarBuilder().build(new StringReader(text));
        ValidationResult result = calendar.validate();
        assertThat(result.hasErrors()).as("validation: " + result.getEntries()).isFalse();
        return calendar;
    }

    private static VEvent onlyEvent(String text) throws Exception {
        List<VEvent> events = parseAndValidate(text).getComponents("VEVENT");
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    private static String value(VEvent event, String property) {
        return event.getProperty(property).orElseThrow().getValue();
    }

    private static int sequence(VEvent event) {
        return Integer.parseInt(value(event, Property.SEQUENCE));
    }

    private static Instant start(VEvent event) {
        return ((ZonedDateTime) event.getDateTimeStart().getDate()).toInstant();
    }

    private static Instant end(VEvent event) {
        return ((ZonedDateTime) event.getDateTimeEnd().getDate()).toInstant();
    }
}
