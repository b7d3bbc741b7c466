package com.practicescheduler.command.common;

import static com.practicescheduler.command.common.UnitsOfWork.inUnitOfWork;
import static com.practicescheduler.command.common.UnitsOfWork.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What the cache keeps and what it drops, on Axon's in-memory event store: a second "process" is another
 * repository on the same store.
 */
class CheckedCachingRepositoryTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final Repository<Counter> here = repository();
    private final Repository<Counter> elsewhere = repository();

    @AfterEach
    void stop() {
        store.shutDown();
    }

    @Test
    void anAggregateIsKeptBetweenCommandsAndAcrossARefusalDecidedBeforeAnyEvent() {
        inUnitOfWork(() -> here.newInstance(() -> new Counter("c-1")));
        Counter first = inUnitOfWork(() -> here.load("c-1").invoke(c -> c));

        assertThatThrownBy(() -> run(() -> here.load("c-1").execute(Counter::refuse)))
                .isInstanceOf(Refusal.class);

        Counter again = inUnitOfWork(() -> here.load("c-1").invoke(c -> c));
        assertThat(again).isSameAs(first);
    }

    @Test
    void aRollbackAfterAnAppliedEventDropsTheAggregateSoItsUnstoredStateIsNeverSeen() {
        inUnitOfWork(() -> here.newInstance(() -> new Counter("c-1")));

        assertThatThrownBy(() -> run(() -> here.load("c-1").execute(Counter::incrementThenRefuse)))
                .isInstanceOf(Refusal.class);

        int count = inUnitOfWork(() -> here.load("c-1").invoke(Counter::count));
        assertThat(count).isZero();
    }

    @Test
    void anAggregateAnotherProcessChangedIsLoadedAgainBeforeItDecides() {
        inUnitOfWork(() -> here.newInstance(() -> new Counter("c-1")));
        int count = inUnitOfWork(() -> here.load("c-1").invoke(Counter::count));
        assertThat(count).isZero();

        run(() -> elsewhere.load("c-1").execute(Counter::increment));

        int seen = inUnitOfWork(() -> here.load("c-1").invoke(Counter::count));
        assertThat(seen).isEqualTo(1);
        run(() -> here.load("c-1").execute(Counter::increment));
        assertThat(store.readEvents("c-1").asStream().count()).as("events appended, none lost").isEqualTo(3);
    }

    @Test
    void anAggregateCreatedInAUnitOfWorkThatRollsBackDoesNotExist() {
        assertThatThrownBy(() -> inUnitOfWork(() -> {
            here.newInstance(() -> new Counter("c-2"));
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "after all, no");
        })).isInstanceOf(Refusal.class);

        assertThat(store.lastSequenceNumberFor("c-2")).isEmpty();
        assertThatThrownBy(() -> inUnitOfWork(() -> here.load("c-2").invoke(Counter::count)))
                .isInstanceOf(AggregateNotFoundException.class);
    }

    private Repository<Counter> repository() {
        return CheckedCachingRepository.of(EventSourcingRepository.builder(Counter.class), new AggregateCache(10),
                store, StreamHeads.of(store), NoSnapshotTriggerDefinition.INSTANCE);
    }

    record Created(String id) {
    }

    record Incremented(String id) {
    }

    static class Counter {

        @AggregateIdentifier
        private String id;
        private int count;

        Counter() {
        }

        Counter(String id) {
            apply(new Created(id));
        }

        int count() {
            return count;
        }

        void increment() {
            apply(new Incremented(id));
        }

        void refuse() {
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE, "no");
        }

        void incrementThenRefuse() {
            increment();
            refuse();
        }

        @EventSourcingHandler
        void on(Created event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Incremented event) {
            count++;
        }
    }
}
