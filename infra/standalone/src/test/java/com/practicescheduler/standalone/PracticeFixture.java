package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** A practice of its own for one test: tokens for each role and helpers that set it up over the REST API. */
final class PracticeFixture {

    final String practiceId = "practice-" + UUID.randomUUID();
    final String admin;
    final String scheduler;
    final String compliance;
    final String analyst;
    private final Api api;
    private final DevelopmentKeys keys;

    PracticeFixture(Api api, DevelopmentKeys keys) {
        this.api = api;
        this.keys = keys;
        this.admin = token(Role.PRACTICE_ADMIN);
        this.scheduler = token(Role.SCHEDULER);
        this.compliance = token(Role.COMPLIANCE_OFFICER);
        this.analyst = token(Role.ANALYST);
    }

    String token(Role role) {
        return DevelopmentTokens.mint(keys, "user-" + role.name().toLowerCase(), practiceId, List.of(role), null,
                Instant.now(), Duration.ofHours(1));
    }

    String clinician(String providerId) {
        return DevelopmentTokens.mint(keys, "clinician-" + providerId, practiceId, List.of(Role.CLINICIAN),
                providerId, Instant.now(), Duration.ofHours(1));
    }

    PracticeFixture settings(String timeZone) {
        Api.Response response = api.put(admin, "/api/v1/practice/settings", Map.of("timeZone", timeZone));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return this;
    }

    String service(int durationMinutes, int bufferMinutes) {
        Api.Response response = api.post(admin, "/api/v1/services", Map.of("name", "Individual therapy",
                "durationMinutes", durationMinutes, "bufferMinutes", bufferMinutes, "modality", "IN_PERSON"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    String provider(String... serviceIds) {
        Api.Response response = api.post(admin, "/api/v1/providers",
                Map.of("displayName", "Dr. Ana Ruiz", "serviceIds", List.of(serviceIds)));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    /** Working hours from {@code start} to {@code end} (local) on each of {@code days}. */
    void hours(String providerId, String start, String end, String... days) {
        List<Map<String, String>> weekly = java.util.Arrays.stream(days)
                .map(day -> Map.of("dayOfWeek", day, "start", start, "end", end))
                .toList();
        Api.Response response = api.put(admin, "/api/v1/providers/" + providerId + "/working-hours",
                Map.of("weekly", weekly));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    String patient(String firstName, String lastName) {
        Api.Response response = api.post(scheduler, "/api/v1/patients", Map.of("firstName", firstName,
                "lastName", lastName, "dateOfBirth", "1985-04-12", "email", "pat@example.org",
                "phone", "+1 555 0100"));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    Api.Response book(String patientId, String providerId, String serviceId, String start) {
        return api.post(scheduler, "/api/v1/appointments", Map.of("patientId", patientId,
                "providerId", providerId, "serviceId", serviceId, "start", start));
    }

    String booked(String patientId, String providerId, String serviceId, String start) {
        Api.Response response = book(patientId, providerId, serviceId, start);
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    /** Puts the patient on the waitlist for the service, with the {@code extra} fields of the request. */
    String waiting(String patientId, String serviceId, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(extra);
        body.put("patientId", patientId);
        body.put("serviceId", serviceId);
        Api.Response added = api.post(scheduler, "/api/v1/waitlist", body);
        assertThat(added.status()).as(added.toString()).isEqualTo(201);
        return added.id();
    }

    /** Cancels the appointment at the patient's request. */
    void cancelled(String appointmentId) {
        Api.Response cancelled = api.post(scheduler, "/api/v1/appointments/" + appointmentId + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
    }

    /** The waitlist entry's {@code index}-th offer, once it has been made. */
    JsonNode awaitOffer(String entryId, int index) {
        return Awaitility.await().atMost(IntegrationTest.EVENTUALLY).pollInterval(Duration.ofMillis(10))
                .until(() -> api.get(scheduler, "/api/v1/waitlist/" + entryId).body().path("offers").path(index),
                        offer -> !offer.isMissingNode());
    }

    /** A practice in New York with one 50+10 minute service and one provider working Mon–Fri 09:00–17:00. */
    Setup standard() {
        settings("America/New_York");
        String serviceId = service(50, 10);
        String providerId = provider();
        hours(providerId, "09:00", "17:00", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY");
        String patientId = patient("Ada", "Lovelace");
        return new Setup(serviceId, providerId, patientId);
    }

    record Setup(String serviceId, String providerId, String patientId) {
    }
}
