package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Invariant 9: every command, PHI read and denied request leaves an entry in a tamper-evident audit trail. */
class AuditTest extends IntegrationTest {

    private static final String SLOT = "2026-12-01T09:00:00-05:00";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void commandsReadsAndDenialsAreRecordedWithWhoWhenAndFromWhere() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String other = practice.patient("Grace", "Hopper");
        Api.Response booked = api.send(practice.scheduler, "POST", "/api/v1/appointments", Map.of("patientId",
                s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(), "start", SLOT),
                Map.of("X-Correlation-Id", "booking-1"));
        assertThat(booked.status()).isEqualTo(201);
        assertThat(booked.headers().firstValue("X-Correlation-Id")).hasValue("booking-1");
        assertThat(practice.book(other, s.providerId(), s.serviceId(), SLOT).status()).isEqualTo(409);
        assertThat(api.get(practice.scheduler, "/api/v1/patients/" + s.patientId()).status()).isEqualTo(200);
        assertThat(api.get(practice.compliance, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").status()).isEqualTo(200);
        assertThat(api.get(practice.analyst, "/api/v1/patients/" + s.patientId()).status()).isEqualTo(403);

        List<JsonNode> forBooked = awaitEntries(practice, "?patientId=" + s.patientId(), 4);
        assertThat(forBooked).extracting(e -> e.path("action").asText() + " " + e.path("outcome").asText())
                .as("newest first").containsSubsequence("ReadCalendar SUCCESS", "ReadPatient SUCCESS",
                        "BookAppointment SUCCESS", "RegisterPatient SUCCESS");
        JsonNode booking = forBooked.stream().filter(e -> e.path("action").asText().equals("BookAppointment"))
                .findFirst().orElseThrow();
        assertThat(booking.path("actor").asText()).isEqualTo("user-scheduler");
        assertThat(booking.path("roles")).extracting(JsonNode::asText).containsExactly("SCHEDULER");
        assertThat(booking.path("resourceType").asText()).isEqualTo("Appointment");
        assertThat(booking.path("resourceId").asText()).isEqualTo(booked.id());
        assertThat(booking.path("patientId").asText()).isEqualTo(s.patientId());
        assertThat(booking.path("sourceIp").asText()).isIn("127.0.0.1", "0:0:0:0:0:0:0:1");
        assertThat(booking.path("correlationId").asText()).isEqualTo("booking-1");
        JsonNode calendarRead = forBooked.stream().filter(e -> e.path("action").asText().equals("ReadCalendar"))
                .findFirst().orElseThrow();
        assertThat(calendarRead.path("actor").asText()).isEqualTo("user-compliance_officer");
        assertThat(calendarRead.path("resourceType").asText()).isEqualTo("ProviderCalendar");

        JsonNode refused = awaitEntries(practice, "?patientId=" + other + "&outcome=REJECTED", 1).get(0);
        assertThat(refused.path("action").asText()).isEqualTo("BookAppointment");
        assertThat(refused.path("problem").asText()).isEqualTo("slot-unavailable");
        JsonNode denied = awaitEntries(practice, "?outcome=DENIED", 1).get(0);
        assertThat(denied.path("actor").asText()).isEqualTo("user-analyst");
        assertThat(denied.path("action").asText()).isEqualTo("GET /api/v1/patients/" + s.patientId());
        assertThat(denied.path("problem").asText()).isEqualTo("forbidden");
    }

    @Test
    void requestsWithoutAValidTokenAreRecordedOutsideAnyPractice() {
        String correlationId = "anonymous-" + System.nanoTime();
        // from an address of its own: other tests' refusals without a token from 127.0.0.1 may already have filled
        // this minute's individually recorded ones, after which refusals are recorded as one count
        assertThat(api.raw("GET /api/v1/calendar HTTP/1.1\r\nHost: localhost\r\nX-Correlation-Id: " + correlationId
                + "\r\nConnection: close\r\n\r\n", "127.0.0.3")).startsWith("HTTP/1.1 401 ");

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForList(
                "select practice_id, outcome, problem, action from audit_entry where correlation_id = ?",
                correlationId)).singleElement().satisfies(row -> assertThat(row).containsEntry("practice_id", "-")
                .containsEntry("outcome", "DENIED").containsEntry("problem", "unauthenticated")
                .containsEntry("action", "GET /api/v1/calendar")));
    }

    @Test
    void offersTheSystemMakesAreAttributedToItWithTheCorrelationIdOfTheCancellation() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), SLOT);
        api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", s.patientId(), "serviceId",
                s.serviceId()));

        api.send(practice.scheduler, "POST", "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "OTHER"), Map.of("X-Correlation-Id", "cancel-1"));

        JsonNode offer = awaitEntries(practice, "?action=MakeOffer", 1).get(0);
        assertThat(offer.path("actor").asText()).isEqualTo("system");
        assertThat(offer.path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(offer.path("correlationId").asText()).isEqualTo("cancel-1");
        assertThat(offer.path("patientId").asText()).isEqualTo(s.patientId());
    }

    @Test
    void theChainVerifiesAndAChangedRowIsFound() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), SLOT);
        awaitEntries(practice, "?action=BookAppointment", 1); // the trail follows the event store closely, not at once
        JsonNode intact = api.get(practice.compliance, "/api/v1/audit/verify").body();
        assertThat(intact.path("valid").asBoolean()).isTrue();
        assertThat(intact.path("entriesChecked").asLong()).isGreaterThanOrEqualTo(6);
        String victim = jdbc.queryForObject("select entry_id from audit_entry where practice_id = ?"
                + " and action = 'BookAppointment'", String.class, practice.practiceId);

        assertThatThrownBy(() -> jdbc.update("update audit_entry set actor = 'someone-else' where entry_id = ?",
                victim)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from audit_entry where entry_id = ?", victim))
                .hasMessageContaining("append-only");
        // someone with the database owner's rights gets round the trigger
        jdbc.execute("alter table audit_entry disable trigger audit_entry_append_only");
        try {
            jdbc.update("update audit_entry set actor = 'someone-else' where entry_id = ?", victim);
        } finally {
            jdbc.execute("alter table audit_entry enable trigger audit_entry_append_only");
        }

        JsonNode tampered = api.get(practice.compliance, "/api/v1/audit/verify").body();
        assertThat(tampered.path("valid").asBoolean()).isFalse();
        assertThat(tampered.path("firstBrokenEntryId").asText()).isEqualTo(victim);
    }

    @Test
    void pagesFollowTheCursorAndTheExportStreamsEveryEntryOfThePeriod() throws Exception {
        PracticeFixture practice = newPractice();
        practice.standard();
        List<JsonNode> all = awaitEntries(practice, "?limit=500", 5);

        List<String> ids = all.stream().map(e -> e.path("id").asText()).toList();
        List<String> paged = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.get(practice.compliance, "/api/v1/audit?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).body();
            assertThat(page.path("entries").size()).isBetween(1, 2);
            page.path("entries").forEach(e -> paged.add(e.path("id").asText()));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
        } while (cursor != null);
        // the reads of the trail itself are recorded too, newest first, ahead of what was there before
        assertThat(paged).doesNotHaveDuplicates().containsSubsequence(ids).endsWith(ids.get(ids.size() - 1));

        // entries carry the time they were recorded on the application's clock, as every event does
        java.time.LocalDate today = NOW.atZone(java.time.ZoneOffset.UTC).toLocalDate();
        HttpResponse<String> export = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://localhost:" + port + "/api/v1/audit/export?from=" + today.minusDays(1) + "&to="
                                + today.plusDays(1)))
                .header("Authorization", "Bearer " + practice.compliance).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/x-ndjson"));
        ObjectMapper json = new ObjectMapper();
        List<String> exported = new ArrayList<>();
        for (String line : export.body().split("\n")) {
            exported.add(json.readTree(line).path("id").asText());
        }
        List<String> oldestFirst = new ArrayList<>(ids);
        java.util.Collections.reverse(oldestFirst);
        assertThat(exported).as("oldest first, the reads above included").containsSubsequence(oldestFirst);
    }

    @Test
    void aPatientsTimelineIsReplayedFromTheEventStoreInTheOrderItHappened() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = api.send(practice.scheduler, "POST", "/api/v1/appointments", Map.of("patientId",
                s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(), "start", SLOT),
                Map.of("X-Correlation-Id", "timeline-booking")).id();
        api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel", Map.of("reason", "OTHER"));
        String entry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", s.patientId(),
                "serviceId", s.serviceId())).id();
        practice.booked(practice.patient("Some", "One"), s.providerId(), s.serviceId(), "2026-12-02T09:00:00-05:00");
        // the timeline does not come from read models: emptying them changes nothing
        jdbc.update("delete from appointment_view where patient_id = ?", s.patientId());
        jdbc.update("delete from waitlist_entry_view where patient_id = ?", s.patientId());

        // which streams are the patient's is indexed by the audit processor, which follows closely
        List<JsonNode> events = Awaitility.await().atMost(EVENTUALLY).until(() -> StreamSupport.stream(
                api.get(practice.compliance, "/api/v1/audit/patients/" + s.patientId() + "/timeline").body()
                        .path("events").spliterator(), false).toList(), found -> found.stream()
                .anyMatch(e -> e.path("type").asText().equals("WaitlistEntryAddedEvent")));

        assertThat(events).extracting(e -> e.path("type").asText()).containsSubsequence("PatientRegisteredEvent",
                "AppointmentBookedEvent", "AppointmentCancelledEvent", "WaitlistEntryAddedEvent");
        assertThat(events).extracting(e -> e.path("aggregateId").asText())
                .containsOnly(s.patientId(), appointment, entry);
        JsonNode booking = events.stream().filter(e -> e.path("type").asText().equals("AppointmentBookedEvent"))
                .findFirst().orElseThrow();
        assertThat(booking.path("actor").asText()).isEqualTo("user-scheduler");
        assertThat(booking.path("correlationId").asText()).isEqualTo("timeline-booking");
        assertThat(booking.path("payload").path("start").asText()).isNotEmpty();
        assertThat(events).extracting(e -> e.path("at").asText()).isSorted();
        assertThat(api.get(newPractice().compliance, "/api/v1/audit/patients/" + s.patientId() + "/timeline")
                .status()).as("another practice").isEqualTo(404);
        awaitEntries(practice, "?action=ReadPatientTimeline&patientId=" + s.patientId(), 1);
    }

    /** The practice's entries matching {@code query}, newest first, once there are at least {@code count}. */
    private List<JsonNode> awaitEntries(PracticeFixture practice, String query, int count) {
        return Awaitility.await().atMost(EVENTUALLY).until(() -> {
            JsonNode page = api.get(practice.compliance, "/api/v1/audit" + query).body();
            return StreamSupport.stream(page.path("entries").spliterator(), false).toList();
        }, entries -> entries.size() >= count);
    }
}
