package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/** A provider's schedule loaded from a snapshot decides as the full stream would. */
class SnapshotTest extends IntegrationTest {

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;

    @Test
    void aScheduleLoadedFromItsSnapshotStillKnowsEveryBookingTimeOffAndRelease() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        List<String> booked = new ArrayList<>();
        for (int hour = 9; hour < 9 + 2 * SNAPSHOT_EVERY; hour++) {
            booked.add(practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                    "2026-12-0" + (hour < 15 ? 1 : 2) + "T" + String.format("%02d", hour < 15 ? hour : hour - 6)
                            + ":00:00-05:00"));
        }
        // taken in the background, after the booking that made it due has been answered
        await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(jdbc.queryForObject(
                "select count(*) from snapshot_event_entry where aggregate_identifier = ?", Integer.class,
                s.providerId())).as("snapshots of the provider's schedule").isPositive());
        // an event written without a command: the command side reads the schedule again, from its newest snapshot
        // (taken from the schedule it held) and the events since, instead of deciding on the one it has cached
        ImportedHistory.append(eventStore, s.providerId(),
                ImportedHistory.pastReservations(practice, s.providerId(), 1, NOW));

        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:30:00-05:00"), 409,
                "slot-unavailable");
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + booked.get(1) + "/cancel",
                Map.of("reason", "OTHER")).status()).isEqualTo(200);
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T10:00:00-05:00");
        Api.Response timeOff = api.post(practice.admin, "/api/v1/providers/" + s.providerId() + "/time-off",
                Map.of("start", "2026-12-02T09:00:00-05:00", "end", "2026-12-02T10:30:00-05:00"));
        assertSlug(timeOff, 409, "conflicts-with-appointments");
        assertThat(timeOff.body().path("appointmentIds")).extracting(id -> id.asText())
                .containsExactlyInAnyOrder(booked.get(6), booked.get(7));
    }

    @Test
    void aSnapshotOfAnotherRevisionIsNeverUsedSoWhatItDoesNotKnowIsStillRefused() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        for (int hour = 9; hour < 9 + SNAPSHOT_EVERY; hour++) {
            practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                    "2026-12-01T" + String.format("%02d", hour) + ":00:00-05:00");
        }
        // the snapshots as an older version of the code would have written them: another revision, whose fields
        // meant something else (here: no reservations at all)
        assertThat(jdbc.update("""
                update snapshot_event_entry set payload_revision = '0', payload = convert_to(jsonb_set(
                    convert_from(payload, 'UTF8')::jsonb, '{reservations}', '{}'::jsonb)::text, 'UTF8')
                where aggregate_identifier = ?""", s.providerId())).as("snapshots of the schedule").isPositive();
        // an event written without a command, so the schedule is read from the store again, not from the cache
        ImportedHistory.append(eventStore, s.providerId(),
                ImportedHistory.pastReservations(practice, s.providerId(), 1, NOW));

        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:30:00-05:00"), 409,
                "slot-unavailable");
    }
}
