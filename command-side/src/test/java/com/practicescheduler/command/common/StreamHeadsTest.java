package com.practicescheduler.command.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a check of a stream's last sequence number sees, read ahead or not, on Axon's own event store (as on Axon
 * Server: one call per stream). The JDBC variant's single query runs in every integration test that books.
 */
class StreamHeadsTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final StreamHeads heads = StreamHeads.of(store);

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aStreamReadAheadIsSeenAsItWasThenByItsFirstCheckOnly() {
        append("schedule-1", 0);

        Optional<Long>[] seen = inUnitOfWork(() -> {
            heads.readAhead("practice-1", "schedule-1", null);
            // another process appends after this command read ahead (another thread: outside this unit of work)
            CompletableFuture.runAsync(() -> append("schedule-1", 1)).join();
            @SuppressWarnings("unchecked")
            Optional<Long>[] checks = new Optional[] {heads.lastSequence("schedule-1"),
                    heads.lastSequence("schedule-1"), heads.lastSequence("practice-1")};
            return checks;
        });

        assertThat(seen[0]).as("read ahead").contains(0L);
        assertThat(seen[1]).as("a second check reads again").contains(1L);
        assertThat(seen[2]).as("no such stream").isEmpty();
    }

    @Test
    void withoutAUnitOfWorkEveryCheckReadsTheStore() {
        append("schedule-2", 0);
        heads.readAhead("schedule-2");
        append("schedule-2", 1);

        assertThat(heads.lastSequence("schedule-2")).contains(1L);
    }

    @Test
    void whatOneUnitOfWorkReadAheadIsNotAnothers() {
        append("schedule-3", 0);
        inUnitOfWork(() -> {
            heads.readAhead("schedule-3");
            return null;
        });
        append("schedule-3", 1);

        assertThat(inUnitOfWork(() -> heads.lastSequence("schedule-3"))).contains(1L);
    }

    private void append(String stream, long sequence) {
        store.publish(new GenericDomainEventMessage<>("Test", stream, sequence, "event " + sequence));
    }

    private static <R> R inUnitOfWork(Callable<R> work) {
        return DefaultUnitOfWork.startAndGet(null).executeWithResult(work).getPayload();
    }
}
