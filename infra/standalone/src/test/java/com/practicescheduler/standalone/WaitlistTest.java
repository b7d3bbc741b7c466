package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Putting patients on the waitlist, their place in the queue, and taking them off. */
class WaitlistTest extends IntegrationTest {

    @Test
    void entriesAreRankedPerServiceByPriorityThenLongestWaiting() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String otherService = practice.service(30, 0);
        String routineEarly = add(practice, s.patientId(), s.serviceId(), "ROUTINE");
        String routineLate = add(practice, practice.patient("Bo", "Late"), s.serviceId(), "ROUTINE");
        String urgent = add(practice, practice.patient("Cy", "Urgent"), s.serviceId(), "URGENT");
        String high = add(practice, practice.patient("Di", "High"), s.serviceId(), "HIGH");
        String elsewhere = add(practice, practice.patient("Ed", "Other"), otherService, "ROUTINE");

        JsonNode entries = api.get(practice.scheduler, "/api/v1/waitlist?status=WAITING").body().path("entries");

        assertThat(ids(entries)).containsExactly(urgent, high, routineEarly, routineLate, elsewhere);
        assertThat(ranks(entries)).containsExactly(1, 2, 3, 4, 1);
        assertThat(entries.get(0).path("priority").asText()).isEqualTo("URGENT");
        assertThat(entries.get(0).path("status").asText()).isEqualTo("WAITING");
        assertThat(entries.get(0).path("waitingSince").asText()).isNotEmpty();
    }

    @Test
    void anEntryShowsWhatThePatientWouldAcceptAndNoOffersYet() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Map<String, Object> body = new HashMap<>(Map.of("patientId", s.patientId(), "serviceId", s.serviceId(),
                "providerIds", List.of(s.providerId()), "priority", "HIGH", "notBefore", "2026-12-01",
                "notAfter", "2027-01-31", "note", "prefers mornings",
                "windows", List.of(Map.of("dayOfWeek", "TUESDAY", "start", "08:00", "end", "12:00"))));

        Api.Response added = api.post(practice.scheduler, "/api/v1/waitlist", body);

        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().path("status").asText()).isEqualTo("WAITING");
        assertThat(added.headers().firstValue("Location")).hasValue("/api/v1/waitlist/" + added.id());
        JsonNode entry = api.get(practice.scheduler, "/api/v1/waitlist/" + added.id()).body();
        assertThat(entry.path("patientId").asText()).isEqualTo(s.patientId());
        assertThat(entry.path("providerIds").get(0).asText()).isEqualTo(s.providerId());
        assertThat(entry.path("windows").get(0).path("start").asText()).isEqualTo("08:00");
        assertThat(entry.path("notAfter").asText()).isEqualTo("2027-01-31");
        assertThat(entry.path("rank").asInt()).isEqualTo(1);
        assertThat(entry.path("offers")).isEmpty();
    }

    @Test
    void removingAnEntryTakesItOutOfTheQueueAndRepeatingItChangesNothing() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String first = add(practice, s.patientId(), s.serviceId(), "URGENT");
        String second = add(practice, practice.patient("Bo", "Next"), s.serviceId(), "ROUTINE");

        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + first).status()).isEqualTo(204);
        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + first).status()).isEqualTo(204);

        JsonNode removed = api.get(practice.scheduler, "/api/v1/waitlist/" + first).body();
        assertThat(removed.path("status").asText()).isEqualTo("REMOVED");
        assertThat(removed.path("rank").isNull()).isTrue();
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + second).body().path("rank").asInt())
                .isEqualTo(1);
        assertThat(ids(api.get(practice.scheduler, "/api/v1/waitlist?status=WAITING").body().path("entries")))
                .containsExactly(second);
        assertThat(ids(api.get(practice.scheduler, "/api/v1/waitlist?status=REMOVED").body().path("entries")))
                .containsExactly(first);
    }

    @Test
    void refusesUnknownOrForeignPatientsServicesAndProviders() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String specialist = practice.provider(practice.service(30, 0));
        PracticeFixture other = newPractice();
        PracticeFixture.Setup o = other.standard();

        assertSlug(post(practice, Map.of("patientId", "nobody", "serviceId", s.serviceId())), 404, "not-found");
        assertSlug(post(practice, Map.of("patientId", o.patientId(), "serviceId", s.serviceId())), 404, "not-found");
        assertSlug(post(practice, Map.of("patientId", s.patientId(), "serviceId", o.serviceId())), 404, "not-found");
        assertSlug(post(practice, Map.of("patientId", s.patientId(), "serviceId", s.serviceId(),
                "providerIds", List.of(o.providerId()))), 404, "not-found");
        assertSlug(post(practice, Map.of("patientId", s.patientId(), "serviceId", s.serviceId(),
                "providerIds", List.of(specialist))), 422, "service-not-offered");
        String entry = add(practice, s.patientId(), s.serviceId(), "ROUTINE");
        assertSlug(api.get(other.scheduler, "/api/v1/waitlist/" + entry), 404, "not-found");
        assertSlug(api.delete(other.scheduler, "/api/v1/waitlist/" + entry), 404, "not-found");
        assertThat(api.get(other.scheduler, "/api/v1/waitlist").body().path("entries")).isEmpty();
    }

    @Test
    void refusesBadInputAndTheWrongRoles() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        assertSlug(post(practice, Map.of("patientId", s.patientId())), 400, "validation-failed");
        assertSlug(post(practice, Map.of("patientId", s.patientId(), "serviceId", s.serviceId(),
                "priority", "WHENEVER")), 400, "validation-failed");
        assertSlug(post(practice, Map.of("patientId", s.patientId(), "serviceId", s.serviceId(),
                "notBefore", "2027-02-01", "notAfter", "2027-01-01")), 400, "validation-failed");
        assertSlug(api.get(practice.scheduler, "/api/v1/waitlist?limit=100000"), 400, "validation-failed");
        assertSlug(api.get(practice.scheduler, "/api/v1/waitlist?status=SOMEDAY"), 400, "validation-failed");

        String entry = add(practice, s.patientId(), s.serviceId(), "ROUTINE");
        Map<String, Object> body = Map.of("patientId", s.patientId(), "serviceId", s.serviceId());
        for (Role role : List.of(Role.CLINICIAN, Role.COMPLIANCE_OFFICER, Role.ANALYST)) {
            assertSlug(api.post(practice.token(role), "/api/v1/waitlist", body), 403, "forbidden");
            assertSlug(api.delete(practice.token(role), "/api/v1/waitlist/" + entry), 403, "forbidden");
        }
        assertSlug(api.get(practice.analyst, "/api/v1/waitlist"), 403, "forbidden");
        assertSlug(api.get(practice.analyst, "/api/v1/waitlist/" + entry), 403, "forbidden");
        assertThat(api.get(practice.clinician(s.providerId()), "/api/v1/waitlist/" + entry).status()).isEqualTo(200);
        assertThat(api.get(practice.compliance, "/api/v1/waitlist").status()).isEqualTo(200);
        assertThat(api.get(practice.admin, "/api/v1/waitlist/" + entry).body().path("status").asText())
                .isEqualTo("WAITING");
    }

    private Api.Response post(PracticeFixture practice, Map<String, Object> body) {
        return api.post(practice.scheduler, "/api/v1/waitlist", body);
    }

    private String add(PracticeFixture practice, String patientId, String serviceId, String priority) {
        Api.Response response = post(practice, Map.of("patientId", patientId, "serviceId", serviceId,
                "priority", priority));
        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        return response.id();
    }

    private static List<String> ids(JsonNode entries) {
        List<String> ids = new ArrayList<>();
        entries.forEach(e -> ids.add(e.path("id").asText()));
        return ids;
    }

    private static List<Integer> ranks(JsonNode entries) {
        List<Integer> ranks = new ArrayList<>();
        entries.forEach(e -> ranks.add(e.path("rank").asInt()));
        return ranks;
    }
}
