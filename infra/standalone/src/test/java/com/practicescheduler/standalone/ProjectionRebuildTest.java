package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.Role;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** Invariant 8: every projection, the audit trail included, can be rebuilt from the events and comes out the same. */
class ProjectionRebuildTest extends IntegrationTest {

    private static final List<String> PROJECTIONS = List.of("scheduling", "waitlist", "audit", "reports");
    private static final List<String> TABLES = List.of("practice_settings_view", "service_view", "provider_view",
            "time_off_view", "patient_view", "appointment_view", "waitlist_entry_view", "waitlist_offer_view",
            "audit_entry", "audit_entry_patient", "patient_stream", "report_practice", "report_provider",
            "report_working_hours", "report_time_off", "report_appointment", "report_waitlist_entry", "report_offer",
            "report_freed_time", "report_rebooking", "group_session_view", "group_session_seat_hold",
            "report_group_session", "appointment_series_view", "appointment_series_skipped", "calendar_feed_view");

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void rebuildingEveryProjectionGivesTheSameReadModels() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                "2026-12-01T09:00:00-05:00");
        String moved = practice.booked(practice.patient("Grace", "Hopper"), s.providerId(), s.serviceId(),
                "2026-12-01T11:00:00-05:00");
        // a reschedule: the calendar feed's UID and SEQUENCE of the chain (ADR 19) come back the same
        api.post(practice.scheduler, "/api/v1/appointments/" + moved + "/reschedule",
                Map.of("start", "2026-12-01T13:00:00-05:00"));
        String feed = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds", null).id();
        api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds", null);
        api.delete(practice.admin, "/api/v1/providers/" + s.providerId() + "/calendar-feeds/" + feed);
        api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-03T09:00:00-05:00", "end", "2026-12-03T12:00:00-05:00"));
        // a series that skips the Thursday off and is then cancelled from its last week
        String series = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId",
                s.patientId(), "providerId", s.providerId(), "serviceId", s.serviceId(),
                "start", "2026-12-03T10:00:00-05:00", "onConflict", "SKIP",
                "recurrence", Map.of("daysOfWeek", List.of("THURSDAY", "FRIDAY"), "count", 4))).id();
        api.post(practice.scheduler, "/api/v1/appointment-series/" + series + "/cancel",
                Map.of("reason", "OTHER", "from", "2026-12-10"));
        String entry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", s.patientId(),
                "serviceId", s.serviceId(), "priority", "HIGH")).id();
        api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel", Map.of("reason", "OTHER"));
        Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/waitlist/" + entry).body().path("offers").size() == 1);
        api.get(practice.scheduler, "/api/v1/patients/" + s.patientId());
        String group = GroupSessionsTest.groupService(practice, 3, api);
        String seat = null;
        for (String start : List.of("2026-12-02T10:00:00-05:00", "2026-12-02T14:00:00-05:00")) {
            String session = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                    s.providerId(), "serviceId", group, "start", start)).id();
            seat = api.post(practice.scheduler, "/api/v1/group-sessions/" + session + "/participants",
                    Map.of("patientId", s.patientId())).body().path("appointmentId").asText();
        }
        // a freed seat held for a waiting entry of the group service
        String groupEntry = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId",
                practice.patient("Alan", "Turing"), "serviceId", group)).id();
        api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/cancel", Map.of("reason", "OTHER"));
        Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/waitlist/" + groupEntry).body().path("offers").size() == 1);
        awaitProjectionsCaughtUp(practice);
        Map<String, List<String>> before = readModels(practice);
        assertThat(before.get("audit_entry")).hasSizeGreaterThan(10);
        assertThat(before.get("waitlist_offer_view")).hasSize(2); // the freed slot's offer and the freed seat's
        assertThat(before.get("group_session_view")).hasSize(2);
        assertThat(before.get("group_session_seat_hold")).hasSize(1);
        assertThat(before.get("appointment_series_view")).hasSize(1);
        assertThat(before.get("appointment_series_skipped")).hasSize(1);
        assertThat(before.get("calendar_feed_view")).hasSize(2).anyMatch(row -> row.contains("\"revoked_at\":null"));
        assertThat(before.get("appointment_view")).anyMatch(row -> row.contains("\"calendar_uid\":\"" + moved + "\"")
                && row.contains("\"rescheduled_from\":\"" + moved + "\"") && row.contains("\"calendar_sequence\":2"));

        for (String projection : PROJECTIONS) {
            Api.Response rebuild = api.post(practice.admin, "/api/v1/admin/projections/" + projection + "/rebuild",
                    null);
            assertThat(rebuild.status()).as(rebuild.toString()).isEqualTo(202);
        }
        awaitProjectionsCaughtUp(practice);

        Map<String, List<String>> after = readModels(practice);
        for (String table : TABLES) {
            if (table.equals("audit_entry")) {
                // the rebuild requests were recorded after the snapshot: the chain before them is the same
                assertThat(after.get(table)).as(table).startsWith(before.get(table).toArray(String[]::new));
            } else {
                assertThat(after.get(table)).as(table).isEqualTo(before.get(table));
            }
        }
        assertThat(api.get(practice.compliance, "/api/v1/audit/verify").body().path("valid").asBoolean()).isTrue();
    }

    @Test
    void onlyPracticeAdministratorsRebuildAndUnknownProjectionsAreNotFound() {
        PracticeFixture practice = newPractice();
        for (Role role : List.of(Role.SCHEDULER, Role.CLINICIAN, Role.COMPLIANCE_OFFICER, Role.ANALYST)) {
            assertSlug(api.post(practice.token(role), "/api/v1/admin/projections/audit/rebuild", null),
                    403, "forbidden");
            assertSlug(api.get(practice.token(role), "/api/v1/admin/projections"), 403, "forbidden");
        }
        assertSlug(api.post(practice.admin, "/api/v1/admin/projections/nothing/rebuild", null), 404, "not-found");
        JsonNode projections = api.get(practice.admin, "/api/v1/admin/projections").body();
        assertThat(projections.path("projections")).extracting(p -> p.path("name").asText())
                .containsExactlyElementsOf(PROJECTIONS);
    }

    /** Every row of the practice in each read-model table, as JSON, in a stable order. */
    private Map<String, List<String>> readModels(PracticeFixture practice) {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String table : TABLES) {
            String order = table.equals("audit_entry") ? "t.chain_seq" : "1";
            rows.put(table, jdbc.queryForList("select row_to_json(t)::text from " + table + " t"
                    + " where practice_id = ? order by " + order, String.class, practice.practiceId));
        }
        return rows;
    }
}
