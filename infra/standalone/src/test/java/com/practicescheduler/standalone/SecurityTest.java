package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Authentication, the role table of the REST contract, tenancy (another practice's ids answer 404). */
class SecurityTest extends IntegrationTest {

    @org.springframework.beans.factory.annotation.Autowired
    @org.springframework.beans.factory.annotation.Qualifier("requestMappingHandlerMapping")
    org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping handlerMappings;

    private static final Set<Role> ALL = EnumSet.allOf(Role.class);
    private static final Set<Role> STAFF = EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN);
    private static final Set<Role> REPORT_READERS = EnumSet.of(Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER,
            Role.ANALYST);
    private static final Set<Role> WAITLIST_READERS = EnumSet.of(Role.SCHEDULER, Role.CLINICIAN,
            Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER);

    @Test
    void requestsWithoutAValidTokenAreUnauthenticated() throws Exception {
        PracticeFixture practice = newPractice();
        Api.Response none = api.get(null, "/api/v1/services");
        assertSlug(none, 401, "unauthenticated");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertSlug(api.get("not-a-jwt", "/api/v1/services"), 401, "unauthenticated");

        Instant now = Instant.now();
        String expired = DevelopmentTokens.mint(keys, "u", practice.practiceId, List.of(Role.SCHEDULER), null,
                now.minus(Duration.ofHours(2)), Duration.ofHours(1));
        assertSlug(api.get(expired, "/api/v1/services"), 401, "unauthenticated");
        String notYet = DevelopmentTokens.sign(keys, new JWTClaimsSet.Builder().issuer(DevelopmentKeys.ISSUER)
                .subject("u").claim("practice_id", practice.practiceId).claim("roles", List.of("SCHEDULER"))
                .notBeforeTime(Date.from(now.plus(Duration.ofHours(1))))
                .expirationTime(Date.from(now.plus(Duration.ofHours(2)))).build());
        assertSlug(api.get(notYet, "/api/v1/services"), 401, "unauthenticated");
        String noPractice = DevelopmentTokens.mint(keys, "u", null, List.of(Role.SCHEDULER), null, now,
                Duration.ofHours(1));
        assertSlug(api.get(noPractice, "/api/v1/services"), 401, "unauthenticated");
        DevelopmentKeys stranger = DevelopmentKeys.loadOrCreate(Files.createTempDirectory("other-keys"));
        assertSlug(api.get(DevelopmentTokens.mint(stranger, "u", practice.practiceId, Role.SCHEDULER),
                "/api/v1/services"), 401, "unauthenticated");
        assertThat(api.get(null, "/actuator/health").status()).isEqualTo(200);
        assertThat(api.get(null, "/v3/api-docs").status()).isEqualTo(200);
        // FHIR (ADR 18): the CapabilityStatement is open like the OpenAPI document; everything else needs a token
        assertThat(api.get(null, "/fhir/r4/metadata").status()).isEqualTo(200);
        Api.Response fhir = api.get(null, "/fhir/r4/Practitioner");
        assertSlug(fhir, 401, "unauthenticated");
        assertThat(fhir.body().path("resourceType").asText()).isEqualTo("OperationOutcome");
        assertThat(fhir.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertSlug(api.get(expired, "/fhir/r4/Practitioner"), 401, "unauthenticated");
        assertSlug(api.post(null, "/fhir/r4/Appointment", Map.of("resourceType", "Appointment")), 401,
                "unauthenticated");
    }

    @Test
    void eachRouteAllowsExactlyTheRolesOfTheContract() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Matrix matrix = matrix(practice, s);
        List<Route> routes = matrix.routes();
        List<Route> deniedOnly = matrix.deniedOnly();
        for (Route route : deniedOnly) {
            for (Role role : EnumSet.complementOf(EnumSet.copyOf(route.allowed()))) {
                assertThat(api.send(practice.token(role), route.method(), route.path(), null, Map.of()).status())
                        .as(role + " " + route.path()).isEqualTo(403);
            }
        }
        PracticeFixture other = newPractice();
        for (Route route : routes) {
            for (Role role : EnumSet.complementOf(EnumSet.copyOf(route.allowed()))) {
                Api.Response response = api.send(practice.token(role), route.method(), route.path(), route.body(),
                        Map.of());
                assertThat(response.status()).as(role + " " + route.method() + " " + route.path()).isEqualTo(403);
                assertThat(response.slug()).isEqualTo("forbidden");
            }
            Role allowed = route.allowed().iterator().next();
            if (matrix.ids().stream().anyMatch(id -> (route.path() + route.body()).contains(id))) {
                // the same request from another practice: as if none of these ids existed
                Api.Response response = api.send(allowed == Role.CLINICIAN ? other.clinician(s.providerId())
                        : other.token(allowed), route.method(), route.path(), route.body(), Map.of());
                assertThat(response.status()).as("other practice: " + route.method() + " " + route.path() + " "
                        + response).isEqualTo(404);
            }
            if (route.allowed().contains(Role.ANALYST)) {
                String seen = api.send(practice.analyst, route.method(), route.path(), route.body(), Map.of())
                        .text();
                assertThat(seen).as("what an analyst sees of " + route.path()).doesNotContain("Lovelace",
                        "1985-04-12", "pat@example.org", "555 0100", s.patientId());
            }
            Api.Response response = api.send(allowed == Role.CLINICIAN ? practice.clinician(s.providerId())
                    : practice.token(allowed), route.method(), route.path(), route.body(), Map.of());
            assertThat(response.status()).as(allowed + " " + route.method() + " " + route.path() + " " + response)
                    .isBetween(200, 299);
        }
    }

    @Test
    void anotherPracticesIdsAnswerNotFound() {
        PracticeFixture mine = newPractice();
        PracticeFixture.Setup s = mine.standard();
        String appointment = mine.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        PracticeFixture other = newPractice();
        PracticeFixture.Setup o = other.standard();

        assertSlug(api.get(other.scheduler, "/api/v1/appointments/" + appointment), 404, "not-found");
        assertSlug(api.get(other.scheduler, "/api/v1/patients/" + s.patientId()), 404, "not-found");
        assertSlug(api.get(other.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01"), 404, "not-found");
        assertSlug(api.get(other.scheduler, "/api/v1/services/" + s.serviceId()), 404, "not-found");
        assertSlug(api.post(other.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "OTHER")), 404, "not-found");
        assertSlug(api.post(other.scheduler, "/api/v1/appointments/" + appointment + "/check-in", null),
                404, "not-found");
        assertSlug(api.put(other.admin, "/api/v1/providers/" + s.providerId() + "/working-hours",
                Map.of("weekly", List.of())), 404, "not-found");
        assertSlug(other.book(s.patientId(), o.providerId(), o.serviceId(), "2026-12-01T09:00:00-05:00"),
                404, "not-found");
        assertSlug(other.book(o.patientId(), s.providerId(), o.serviceId(), "2026-12-01T09:00:00-05:00"),
                404, "not-found");
        assertThat(api.get(mine.scheduler, "/api/v1/appointments/" + appointment).body().path("status").asText())
                .isEqualTo("BOOKED");
    }

    @Test
    void cliniciansSeeAndActOnlyOnTheirOwnAppointments() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String colleague = practice.provider();
        practice.hours(colleague, "09:00", "17:00", "TUESDAY");
        String theirs = practice.booked(s.patientId(), colleague, s.serviceId(), "2026-12-01T09:00:00-05:00");
        String stranger = practice.patient("Other", "Person");
        String mine = practice.booked(stranger, s.providerId(), s.serviceId(), "2026-12-01T11:00:00-05:00");
        String clinician = practice.clinician(s.providerId());
        String theirSeries = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId",
                s.patientId(), "providerId", colleague, "serviceId", s.serviceId(),
                "start", "2026-12-08T09:00:00-05:00", "recurrence", Map.of("count", 2))).id();
        String mySeries = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId",
                stranger, "providerId", s.providerId(), "serviceId", s.serviceId(),
                "start", "2026-12-08T09:00:00-05:00", "recurrence", Map.of("count", 2))).id();
        assertSlug(api.get(clinician, "/api/v1/appointment-series/" + theirSeries), 403, "forbidden");
        assertThat(api.get(clinician, "/api/v1/appointment-series/" + mySeries).status()).isEqualTo(200);
        assertSlug(api.post(clinician, "/api/v1/appointment-series/" + mySeries + "/cancel",
                Map.of("reason", "OTHER")), 403, "forbidden");

        assertSlug(api.get(clinician, "/api/v1/appointments/" + theirs), 403, "forbidden");
        assertSlug(api.post(clinician, "/api/v1/appointments/" + theirs + "/check-in", null), 403, "forbidden");
        assertSlug(api.get(clinician, "/api/v1/calendar?providerId=" + colleague
                + "&from=2026-12-01&to=2026-12-01"), 403, "forbidden");
        assertSlug(api.get(clinician, "/api/v1/patients/" + s.patientId()), 403, "forbidden");

        assertThat(api.get(clinician, "/api/v1/appointments/" + mine).status()).isEqualTo(200);
        assertThat(api.get(clinician, "/api/v1/patients/" + stranger).status()).isEqualTo(200);
        assertThat(api.get(clinician, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments")).hasSize(1);
        assertThat(api.post(clinician, "/api/v1/appointments/" + mine + "/check-in", null).body()
                .path("status").asText()).isEqualTo("CHECKED_IN");
        assertThat(api.get(practice.scheduler, "/api/v1/appointments/" + theirs).body().path("status").asText())
                .isEqualTo("BOOKED");
    }

    /** Every route of the REST contract with who may call it, for {@code practice}'s own data. */
    private Matrix matrix(PracticeFixture practice, PracticeFixture.Setup s) {
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:00:00-05:00");
        String toCancel = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T11:00:00-05:00");
        String toCheckIn = practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T13:00:00-05:00");
        String timeOff = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2027-02-01T09:00:00-05:00", "end", "2027-02-01T10:00:00-05:00")).id();
        String waitlistEntry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", s.patientId(),
                "serviceId", s.serviceId())).id();
        // entries that only Wednesdays suit, so no freed time of the routes below is offered to them by itself
        Map<String, Object> wednesdays = Map.of("patientId", s.patientId(), "serviceId", s.serviceId(), "windows",
                List.of(Map.of("dayOfWeek", "WEDNESDAY", "start", "08:00", "end", "18:00")));
        String toAccept = staffOffer(practice, api.post(practice.scheduler, "/api/v1/waitlist", wednesdays).id(),
                s.providerId(), "2026-12-02T09:00:00-05:00");
        String toDecline = staffOffer(practice, api.post(practice.scheduler, "/api/v1/waitlist", wednesdays).id(),
                s.providerId(), "2026-12-02T11:00:00-05:00");
        String toOffer = api.post(practice.scheduler, "/api/v1/waitlist", wednesdays).id();
        String group = GroupSessionsTest.groupService(practice, 4, api);
        String session = groupSession(practice, s.providerId(), group, "2026-12-02T15:00:00-05:00");
        String sessionToCancel = groupSession(practice, s.providerId(), group, "2026-12-03T14:00:00-05:00");
        Map<String, Object> seriesBody = Map.of("patientId", s.patientId(), "providerId", s.providerId(),
                "serviceId", s.serviceId(), "start", "2027-01-12T14:00:00-05:00",
                "recurrence", Map.of("everyWeeks", 1, "count", 2));
        Api.Response booked = api.post(practice.scheduler, "/api/v1/appointment-series", seriesBody);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String series = booked.id();
        List<Map<String, String>> weekdays = java.util.stream.Stream.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY",
                "FRIDAY").map(day -> Map.of("dayOfWeek", day, "start", "09:00", "end", "17:00")).toList();
        String webhook = api.post(practice.admin, "/api/v1/webhooks", Map.of("url", "http://localhost:9/hook",
                "events", List.of("appointment.booked"))).id();
        String feed = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds", null).id();
        List<Route> routes = List.of(
                new Route("GET", "/api/v1/practice/settings", null, ALL),
                new Route("POST", "/api/v1/webhooks", Map.of("url", "http://localhost:9/other",
                        "events", List.of("offer.made"), "description", "x"), EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/webhooks", null, EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/webhooks/" + webhook + "/deliveries", null,
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("DELETE", "/api/v1/webhooks/" + webhook, null, EnumSet.of(Role.PRACTICE_ADMIN)),
                // a clinician for the provider they are (the matrix's clinician is s's provider), an admin for any
                new Route("POST", "/api/v1/providers/" + s.providerId() + "/calendar-feeds", null,
                        EnumSet.of(Role.CLINICIAN, Role.PRACTICE_ADMIN)),
                new Route("DELETE", "/api/v1/providers/" + s.providerId() + "/calendar-feeds/" + feed, null,
                        EnumSet.of(Role.CLINICIAN, Role.PRACTICE_ADMIN)),
                new Route("PUT", "/api/v1/practice/settings", Map.of("timeZone", "America/New_York"),
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/services", null, ALL),
                new Route("POST", "/api/v1/services", Map.of("name", "x", "durationMinutes", 30),
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/providers", null, ALL),
                new Route("POST", "/api/v1/providers", Map.of("displayName", "x"), EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("PUT", "/api/v1/providers/" + s.providerId() + "/working-hours",
                        Map.of("weekly", weekdays),
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("POST", "/api/v1/providers/" + s.providerId() + "/time-off",
                        Map.of("start", "2027-01-05T09:00:00-05:00", "end", "2027-01-05T10:00:00-05:00"),
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("POST", "/api/v1/patients", Map.of("firstName", "A", "lastName", "B",
                        "dateOfBirth", "1990-01-01"), STAFF),
                new Route("GET", "/api/v1/patients/" + s.patientId(), null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("PUT", "/api/v1/patients/" + s.patientId() + "/contact-preferences", Map.of("email", true,
                        "sms", false, "reminders", true, "waitlistOffers", false), STAFF),
                new Route("GET", "/api/v1/patients/" + s.patientId() + "/messages", null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/practice/notifications", null, ALL),
                new Route("PUT", "/api/v1/practice/notifications", Map.of("reminders", List.of("P1D")),
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/appointments/" + appointment, null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/calendar?providerId=" + s.providerId() + "&from=2026-12-01&to=2026-12-01",
                        null, EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/availability?serviceId=" + s.serviceId() + "&from=2026-12-01&to=2026-12-01",
                        null, EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.ANALYST, Role.CLINICIAN)),
                new Route("POST", "/api/v1/appointments", Map.of("patientId", s.patientId(),
                        "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-12-04T09:00:00-05:00"), STAFF),
                new Route("POST", "/api/v1/appointments/" + appointment + "/reschedule",
                        Map.of("start", "2026-12-03T09:00:00-05:00"), STAFF),
                new Route("POST", "/api/v1/appointments/" + toCancel + "/cancel", Map.of("reason", "OTHER"),
                        STAFF),
                new Route("POST", "/api/v1/appointments/" + toCheckIn + "/check-in", null, STAFF),
                new Route("POST", "/api/v1/appointments/" + toCheckIn + "/complete", null, STAFF),
                new Route("GET", "/api/v1/services/" + s.serviceId(), null, ALL),
                new Route("GET", "/api/v1/providers/" + s.providerId(), null, ALL),
                new Route("GET", "/api/v1/providers/" + s.providerId() + "/time-off", null, ALL),
                new Route("DELETE", "/api/v1/providers/" + s.providerId() + "/time-off/" + timeOff, null,
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("POST", "/api/v1/waitlist", Map.of("patientId", s.patientId(),
                        "serviceId", s.serviceId()), STAFF),
                new Route("GET", "/api/v1/waitlist", null, WAITLIST_READERS),
                new Route("GET", "/api/v1/waitlist/" + waitlistEntry, null, WAITLIST_READERS),
                new Route("DELETE", "/api/v1/waitlist/" + waitlistEntry, null, STAFF),
                new Route("POST", "/api/v1/waitlist/" + toOffer + "/offers", Map.of("providerId", s.providerId(),
                        "start", "2026-12-02T13:00:00-05:00"), STAFF),
                new Route("POST", "/api/v1/waitlist/offers/" + toAccept + "/accept", null, STAFF),
                new Route("POST", "/api/v1/waitlist/offers/" + toDecline + "/decline", null, STAFF),
                new Route("POST", "/api/v1/group-sessions", Map.of("providerId", s.providerId(), "serviceId", group,
                        "start", "2026-12-04T13:00:00-05:00"), STAFF),
                new Route("POST", "/api/v1/group-sessions/" + session + "/participants",
                        Map.of("patientId", s.patientId()), STAFF),
                new Route("POST", "/api/v1/group-sessions/" + sessionToCancel + "/cancel", Map.of("reason", "OTHER"),
                        STAFF),
                new Route("GET", "/api/v1/group-sessions/" + session, null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("POST", "/api/v1/appointment-series/preview", seriesBody, STAFF),
                new Route("POST", "/api/v1/appointment-series", Map.of("patientId", s.patientId(),
                        "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2027-01-13T14:00:00-05:00", "recurrence", Map.of("count", 2)), STAFF),
                new Route("GET", "/api/v1/appointment-series/" + series, null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("POST", "/api/v1/appointment-series/" + series + "/cancel", Map.of("reason", "OTHER"),
                        STAFF),
                new Route("GET", "/api/v1/audit?limit=5", null, EnumSet.of(Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/audit/verify", null, EnumSet.of(Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/audit/patients/" + s.patientId() + "/timeline", null,
                        EnumSet.of(Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/admin/projections", null, EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("POST", "/api/v1/admin/projections/scheduling/dead-letters/retry", null,
                        EnumSet.of(Role.PRACTICE_ADMIN)),
                new Route("GET", "/api/v1/audit/export?from=2026-11-01&to=2026-11-30", null,
                        EnumSet.of(Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/api/v1/reports/utilization?from=2026-11-01&to=2026-12-31", null, REPORT_READERS),
                new Route("GET", "/api/v1/reports/utilization?from=2026-11-01&to=2026-12-31&format=csv", null,
                        REPORT_READERS),
                new Route("GET", "/api/v1/reports/no-shows?from=2026-11-01&to=2026-12-31", null, REPORT_READERS),
                new Route("GET", "/api/v1/reports/no-shows?from=2026-11-01&to=2026-12-31&format=csv", null,
                        REPORT_READERS),
                new Route("GET", "/api/v1/reports/waitlist?from=2026-11-01&to=2026-12-31", null, REPORT_READERS),
                new Route("GET", "/api/v1/reports/waitlist?from=2026-11-01&to=2026-12-31&format=csv", null,
                        REPORT_READERS),
                // FHIR R4 (ADR 18): the same roles as the REST routes that read or write the same things
                new Route("GET", "/fhir/r4/Practitioner/" + s.providerId(), null, ALL),
                new Route("GET", "/fhir/r4/Practitioner", null, ALL),
                new Route("GET", "/fhir/r4/HealthcareService/" + s.serviceId(), null, ALL),
                new Route("GET", "/fhir/r4/HealthcareService", null, ALL),
                new Route("GET", "/fhir/r4/Schedule/" + s.providerId(), null, ALL),
                new Route("GET", "/fhir/r4/Schedule?actor=Practitioner/" + s.providerId(), null, ALL),
                new Route("GET", "/fhir/r4/Slot?schedule=Schedule/" + s.providerId() + "&start=2026-12-02", null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.ANALYST, Role.CLINICIAN)),
                new Route("GET", "/fhir/r4/Patient/" + s.patientId(), null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/fhir/r4/Appointment/" + appointment, null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("GET", "/fhir/r4/Appointment?actor=Practitioner/" + s.providerId() + "&date=2026-12-01",
                        null, EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.COMPLIANCE_OFFICER)),
                new Route("POST", "/fhir/r4/Appointment", Map.of("resourceType", "Appointment", "status", "booked",
                        "serviceType", List.of(Map.of("coding", List.of(Map.of("system",
                                "urn:practice-scheduler:service", "code", s.serviceId())))),
                        "start", "2026-12-04T11:00:00-05:00",
                        "participant", List.of(Map.of("actor", Map.of("reference", "Patient/" + s.patientId()),
                                        "status", "accepted"),
                                Map.of("actor", Map.of("reference", "Practitioner/" + s.providerId()),
                                        "status", "accepted"))), STAFF));
        // whether these succeed depends on the appointment's state and the clock; here only who may try
        List<Route> deniedOnly = List.of(
                new Route("POST", "/api/v1/appointments/" + toCancel + "/no-show", null,
                        EnumSet.of(Role.SCHEDULER, Role.PRACTICE_ADMIN, Role.CLINICIAN)),
                // a rebuild replays every practice's events: tested on its own (ProjectionRebuildTest)
                new Route("POST", "/api/v1/admin/projections/audit/rebuild", null,
                        EnumSet.of(Role.PRACTICE_ADMIN)));
        return new Matrix(routes, deniedOnly, List.of(s.patientId(), s.providerId(), s.serviceId(), appointment,
                toCancel, toCheckIn, timeOff, waitlistEntry, toAccept, toDecline, toOffer, group, session,
                sessionToCancel, series, webhook, feed));
    }

    private String groupSession(PracticeFixture practice, String providerId, String serviceId, String start) {
        Api.Response session = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                providerId, "serviceId", serviceId, "start", start));
        assertThat(session.status()).as(session.toString()).isEqualTo(201);
        return session.id();
    }

    private String staffOffer(PracticeFixture practice, String entryId, String providerId, String start) {
        Api.Response offer = api.post(practice.scheduler, "/api/v1/waitlist/" + entryId + "/offers",
                Map.of("providerId", providerId, "start", start));
        assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
        return offer.id();
    }

    /** {@code deniedOnly}: routes checked only for who may not call them; {@code ids}: the practice's own ids. */
    private record Matrix(List<Route> routes, List<Route> deniedOnly, List<String> ids) {
    }

    @Test
    void everyApiRouteIsInTheMatrixAndRefusesRequestsWithoutAToken() {
        PracticeFixture practice = newPractice();
        Matrix matrix = matrix(practice, practice.standard());
        List<Route> covered = new java.util.ArrayList<>(matrix.routes());
        covered.addAll(matrix.deniedOnly());
        int discovered = 0;
        List<String> missing = new java.util.ArrayList<>();
        for (var mapping : handlerMappings.getHandlerMethods().keySet()) {
            for (String pattern : mapping.getPatternValues()) {
                if (!pattern.startsWith("/api/")) {
                    continue;
                }
                var parsed = org.springframework.web.util.pattern.PathPatternParser.defaultInstance.parse(pattern);
                for (var method : mapping.getMethodsCondition().getMethods()) {
                    discovered++;
                    boolean inMatrix = covered.stream().anyMatch(route -> route.method().equals(method.name())
                            && parsed.matches(org.springframework.http.server.PathContainer.parsePath(
                                    route.path().split("\\?")[0])));
                    if (!inMatrix) {
                        missing.add(method + " " + pattern);
                    }
                    String concrete = pattern.replaceAll("\\{[^}]+}", "some-id");
                    assertSlug(api.send(null, method.name(), concrete, null, Map.of()), 401, "unauthenticated");
                }
            }
        }
        assertThat(missing).as("routes missing from the role matrix").isEmpty();
        assertThat(discovered).as("routes found in the handler mappings").isGreaterThan(30);
    }

    private record Route(String method, String path, Object body, Set<Role> allowed) {
    }
}
