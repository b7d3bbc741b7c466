package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Bad input of every kind gets a clear 4xx problem — never a 500 — and nothing is written. */
class BadInputTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    PracticeFixture practice;
    PracticeFixture.Setup s;

    @BeforeEach
    void practice() {
        practice = newPractice();
        s = practice.standard();
    }

    @Test
    void malformedJsonMissingFieldsWrongTypesAndUnknownEnumsAreValidationFailures() {
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler, "/api/v1/appointments", "{not json"));
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler, "/api/v1/appointments", "[]"));
        Api.Response missing = assertRejected(400, "validation-failed",
                () -> api.post(practice.scheduler, "/api/v1/appointments", Map.of("patientId", s.patientId())));
        assertThat(missing.body().path("errors")).extracting(e -> e.path("field").asText())
                .contains("providerId", "serviceId", "start");
        Api.Response badEnum = assertRejected(400, "validation-failed", () -> api.post(practice.admin,
                "/api/v1/services", Map.of("name", "x", "durationMinutes", 30, "modality", "TELEPATHY")));
        assertThat(badEnum.body().path("errors").get(0).path("field").asText()).isEqualTo("modality");
        assertRejected(400, "validation-failed", () -> api.post(practice.admin, "/api/v1/services",
                Map.of("name", "x", "durationMinutes", "fifty")));
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler, "/api/v1/appointments",
                Map.of("patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-12-01T09:00:00")));
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler,
                "/api/v1/appointments/x/cancel", Map.of("reason", "BORED")));
        assertRejected(400, "validation-failed", () -> api.put(practice.admin, "/api/v1/practice/settings",
                Map.of("timeZone", "Mars/Olympus_Mons")));
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler, "/api/v1/patients",
                Map.of("firstName", "A", "lastName", "B", "dateOfBirth", "2999-01-01")));
    }

    @Test
    void reversedAndAbsurdRangesAndDatesAreRefused() {
        assertRejected(400, "validation-failed", () -> api.post(practice.admin,
                "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-02T10:00:00-05:00", "end", "2026-12-02T09:00:00-05:00")));
        assertRejected(400, "validation-failed", () -> api.put(practice.admin,
                "/api/v1/providers/" + s.providerId() + "/working-hours",
                Map.of("weekly", List.of(Map.of("dayOfWeek", "MONDAY", "start", "17:00", "end", "09:00")))));
        assertRejected(400, "validation-failed", () -> api.get(practice.scheduler, "/api/v1/calendar?providerId="
                + s.providerId() + "&from=2026-12-07&to=2026-12-01"));
        assertRejected(400, "validation-failed", () -> api.get(practice.scheduler, "/api/v1/availability?serviceId="
                + s.serviceId() + "&from=2026-01-01&to=2030-01-01"));
        assertRejected(400, "validation-failed", () -> api.get(practice.scheduler, "/api/v1/calendar?providerId="
                + s.providerId() + "&from=yesterday&to=2026-12-01"));
        assertRejected(422, "beyond-horizon", () -> api.post(practice.scheduler, "/api/v1/appointments",
                Map.of("patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "+99999-12-01T09:00:00-05:00")));
        assertRejected(400, "validation-failed", () -> api.post(practice.scheduler, "/api/v1/appointments",
                Map.of("patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-13-45T09:00:00-05:00")));
        assertRejected(422, "in-the-past", () -> practice.book(s.patientId(), s.providerId(), s.serviceId(),
                "0001-01-01T09:00:00Z"));
        assertRejected(422, "beyond-horizon", () -> practice.book(s.patientId(), s.providerId(), s.serviceId(),
                "9999-12-31T09:00:00Z"));
    }

    @Test
    void hugeBodiesAndHugeArraysAreRefused() {
        String huge = "{\"name\":\"" + "x".repeat(200_000) + "\",\"durationMinutes\":30}";
        assertRejected(413, "payload-too-large", () -> api.post(practice.admin, "/api/v1/services", huge));
        List<Map<String, String>> many = Collections.nCopies(10_000,
                Map.of("dayOfWeek", "MONDAY", "start", "09:00", "end", "10:00"));
        Api.Response response = api.put(practice.admin, "/api/v1/providers/" + s.providerId() + "/working-hours",
                Map.of("weekly", many));
        assertThat(response.status()).as(response.toString()).isIn(400, 413);
        List<String> ids = Collections.nCopies(1_000, "a-service-id");
        assertRejected(400, "validation-failed", () -> api.post(practice.admin, "/api/v1/providers",
                Map.of("displayName", "x", "serviceIds", ids)));
    }

    @Test
    void unknownRoutesMethodsAndIdsAreProblemsToo() {
        assertRejected(404, "not-found", () -> api.get(practice.scheduler, "/api/v1/nothing-here"));
        assertRejected(404, "not-found", () -> api.get(practice.scheduler, "/api/v1/appointments/unknown"));
        assertRejected(404, "not-found", () -> api.post(practice.scheduler, "/api/v1/appointments/unknown/cancel",
                Map.of("reason", "OTHER")));
        assertRejected(404, "not-found", () -> api.post(practice.scheduler, "/api/v1/appointments/"
                + s.providerId() + "/check-in", null)); // an id of another kind of thing
        assertRejected(405, "method-not-allowed", () -> api.delete(practice.scheduler, "/api/v1/services"));
        assertRejected(400, "validation-failed", () -> api.send(practice.scheduler, "POST", "/api/v1/appointments",
                Map.of("patientId", s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                        "start", "2026-12-01T09:00:00-05:00"), Map.of("Idempotency-Key", "k".repeat(300))));
    }

    /**
     * Runs {@code request} and checks the problem it answers with and that no domain event was written (a refused
     * command leaves only its audit entry).
     */
    private Api.Response assertRejected(int status, String slug, java.util.function.Supplier<Api.Response> request) {
        long before = events();
        Api.Response response = request.get();
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.slug()).as(response.toString()).isEqualTo(slug);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(events()).as("events written").isEqualTo(before);
        return response;
    }

    private long events() {
        return jdbc.queryForObject("select count(*) from domain_event_entry"
                + " where payload_type <> 'com.practicescheduler.api.audit.AuditRecordedEvent'", Long.class);
    }
}
