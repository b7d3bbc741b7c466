package com.practicescheduler.command.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which schedules the background snapshots take, counting from the last snapshot known here. */
class BackgroundSnapshotsTest {

    private static final int EVERY = 10;

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final List<String> snapshotted = new CopyOnWriteArrayList<>();
    private final Snapshotter snapshotter = (type, id) -> snapshotted.add(id);
    private final BackgroundSnapshots background = new BackgroundSnapshots(snapshotter, store, EVERY);

    @AfterEach
    void stop() {
        background.stop();
        store.shutDown();
    }

    @Test
    void aScheduleWhoseCommandsSnapshottedItHereIsNotSnapshottedAgainInTheBackground() {
        for (long sequence = 0; sequence < 3 * EVERY; sequence++) {
            seen("commanded", sequence);
            if (sequence % 5 == 4) {
                // the trigger's snapshot of a command's state, every 5 events
                background.snapshotted("commanded", sequence);
            }
        }
        for (long sequence = 0; sequence < EVERY; sequence++) {
            seen("imported", sequence);
        }

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> snapshotted.contains("imported"));
        // one worker takes them in turn: "commanded", asked first, would be there by now
        assertThat(snapshotted).containsExactly("imported");
    }

    @Test
    void aScheduleIsSnapshottedAfterSoManyEventsPastTheNewestSnapshotKnownHere() {
        background.snapshotted("provider", 4);
        for (long sequence = 0; sequence < EVERY + 4; sequence++) {
            seen("provider", sequence);
        }
        for (long sequence = 0; sequence < EVERY; sequence++) {
            seen("probe", sequence);
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> snapshotted.contains("probe"));
        assertThat(snapshotted).as("only %s events after the snapshot at 4", EVERY - 1).containsExactly("probe");

        seen("provider", EVERY + 4);

        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> snapshotted.contains("provider"));
    }

    private void seen(String scheduleId, long sequence) {
        background.on(new GenericDomainEventMessage<>(ProviderScheduleSnapshots.TYPE, scheduleId, sequence,
                "event " + sequence));
    }
}
