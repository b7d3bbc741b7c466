package com.practicescheduler.command.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.messaging.ResultMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a check of a stream's last sequence number sees, and what a command that trusts its caches checks before a
 * refusal, on Axon's own event store (as on Axon Server: one call per stream). The guarded append is
 * {@code JdbcEventStoreTest}'s; both together run in every integration test that books.
 */
class StreamHeadsTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final StreamHeads heads = StreamHeads.of(store, true);

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void aCheckReadsTheStoreEachTime() {
        append("schedule-1", 0);
        assertThat(heads.lastSequence("schedule-1")).contains(0L);
        append("schedule-1", 1);

        assertThat(inUnitOfWork(() -> heads.lastSequence("schedule-1"))).contains(1L);
        assertThat(heads.lastSequence("practice-1")).as("no such stream").isEmpty();
    }

    @Test
    void aRefusalDecidedOnAStreamThatMovedOnSinceBecomesALostRaceAndDropsTheCache() {
        append("schedule-2", 0);
        AtomicInteger dropped = new AtomicInteger();

        assertThatThrownBy(() -> inUnitOfWork(() -> {
            heads.trustCached();
            assertThat(heads.trusted("schedule-2", 0, dropped::incrementAndGet)).isTrue();
            assertThat(heads.trusted("practice-2", -1, dropped::incrementAndGet)).isTrue();
            // another process appends after this command decided (another thread: outside this unit of work)
            CompletableFuture.runAsync(() -> append("schedule-2", 1)).join();
            heads.refusing();
            return null;
        })).isInstanceOfSatisfying(Refusal.class,
                refusal -> assertThat(refusal.code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION));
        assertThat(dropped).as("only the stream that moved").hasValue(1);
    }

    @Test
    void aRefusalDecidedOnStreamsAsTheyStillAreStands() {
        append("schedule-3", 0);
        AtomicInteger dropped = new AtomicInteger();

        inUnitOfWork(() -> {
            heads.trustCached();
            assertThat(heads.trusted("schedule-3", 0, dropped::incrementAndGet)).isTrue();
            heads.refusing();
            return null;
        });

        assertThat(dropped).hasValue(0);
    }

    @Test
    void nothingIsTrustedUnlessTheUnitOfWorkAsksAndTheStoresAppendsCheckGuards() {
        append("schedule-4", 0);

        assertThat(inUnitOfWork(() -> heads.trusted("schedule-4", 0, () -> { }))).isFalse();
        assertThat(inUnitOfWork(() -> {
            StreamHeads onAxonServer = StreamHeads.of(store);
            onAxonServer.trustCached();
            return onAxonServer.trusted("schedule-4", 0, () -> { });
        })).isFalse();
        assertThat(inUnitOfWork(() -> {
            heads.trustCached();
            return heads.trusted("schedule-4", 0, () -> { }) && !heads.trusted("schedule-4", 1, () -> { });
        })).as("a second sight of one stream at another number is read instead").isTrue();
    }

    private void append(String stream, long sequence) {
        store.publish(new GenericDomainEventMessage<>("Test", stream, sequence, "event " + sequence));
    }

    private static <R> R inUnitOfWork(Callable<R> work) {
        ResultMessage<R> result = DefaultUnitOfWork.startAndGet(null).executeWithResult(work);
        if (result.isExceptional()) {
            throw (RuntimeException) result.exceptionResult();
        }
        return result.getPayload();
    }
}
