package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.practicescheduler.api.provider.TimeReservedEvent;
import com.practicescheduler.command.provider.ProviderSchedule;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Histories that no command loaded — an import, or every stream after the snapshot revision changed — are
 * snapshotted in the background, so the first booking of such a provider starts from a snapshot, not from the
 * provider's first event.
 */
class BackgroundSnapshotTest extends IntegrationTest {

    static final String REVISION = ProviderSchedule.class.getAnnotation(Revision.class).value();

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    EventProcessingConfiguration processing;

    record Snapshot(long sequenceNumber, String revision) {
    }

    @Test
    void anImportedHistoryIsSnapshottedInTheBackgroundAndTheFirstBookingStartsFromThatSnapshot() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        List<Object> history = new ArrayList<>(ImportedHistory.pastReservations(practice, s.providerId(),
                10 * BACKGROUND_SNAPSHOT_EVERY, NOW));
        // imported as well: a booking still ahead, Tuesday 1 December 09:00–10:00 in New York
        history.add(new TimeReservedEvent(s.providerId(), practice.practiceId, "imported-upcoming",
                Instant.parse("2026-12-01T14:00:00Z"), Instant.parse("2026-12-01T15:00:00Z"), NOW));
        long last = ImportedHistory.append(eventStore, s.providerId(), history);

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(newestSnapshot(s.providerId()))
                .as("a snapshot of the whole imported stream, no command sent").isEqualTo(new Snapshot(last, REVISION)));
        assertThat(whatALoadReads(s.providerId())).as("what a load reads: the snapshot alone")
                .containsExactly(tuple(last, ProviderSchedule.class));

        practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T11:00:00-05:00");
        // from the snapshot the booking read one message, too few for its own trigger (every 5) to snapshot again
        assertThat(newestSnapshot(s.providerId())).as("after the first booking").isEqualTo(new Snapshot(last, REVISION));
        assertSlug(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:30:00-05:00"), 409,
                "slot-unavailable");
    }

    @Test
    void afterTheSnapshotRevisionChangesEveryLongScheduleIsSnapshottedAgainInTheNewRevisionWithoutAnyCommand() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        long last = ImportedHistory.append(eventStore, s.providerId(),
                ImportedHistory.pastReservations(practice, s.providerId(), 2 * BACKGROUND_SNAPSHOT_EVERY, NOW));
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(newestSnapshot(s.providerId()))
                .isEqualTo(new Snapshot(last, REVISION)));
        // the schedule's snapshot as the previous revision of the code left it: every load now skips it
        jdbc.update("update snapshot_event_entry set payload_revision = '0' where aggregate_identifier = ?",
                s.providerId());
        assertThat(whatALoadReads(s.providerId())).as("the old snapshot skipped").hasSize((int) last + 1);

        // the processor's name carries the revision: the new revision's has no token and starts from the first
        // event, as this one does after a reset
        TrackingEventProcessor background = processing.eventProcessor("provider-schedule-snapshots-r" + REVISION,
                TrackingEventProcessor.class).orElseThrow();
        background.shutDown();
        background.resetTokens();
        background.start();

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(newestSnapshot(s.providerId()))
                .as("a snapshot of the new revision, at the same event").isEqualTo(new Snapshot(last, REVISION)));
        assertThat(whatALoadReads(s.providerId())).containsExactly(tuple(last, ProviderSchedule.class));
    }

    /**
     * What loading the schedule reads, as the repository reads it: the newest snapshot of the aggregate's revision,
     * if any, then every event after it — as sequence number and payload type each.
     */
    private List<Tuple> whatALoadReads(String providerId) {
        return eventStore.readEvents(providerId).asStream()
                .map(message -> tuple(message.getSequenceNumber(), message.getPayloadType()))
                .toList();
    }

    private Snapshot newestSnapshot(String providerId) {
        return jdbc.query("""
                select sequence_number, payload_revision from snapshot_event_entry where aggregate_identifier = ?
                order by sequence_number desc limit 1""",
                rows -> rows.next() ? new Snapshot(rows.getLong(1), rows.getString(2)) : null, providerId);
    }
}
