package com.practicescheduler.command.common;

import static com.practicescheduler.command.common.UnitsOfWork.inUnitOfWork;
import static com.practicescheduler.command.common.UnitsOfWork.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.Repository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Snapshots taken from the aggregate the committing command holds, on Axon's in-memory event store (which keeps a
 * snapshot as the object given, unserialized: a snapshot that shared state with the live aggregate would show it).
 */
class HeldStateSnapshotterTest {

    private static final int EVERY = 3;

    private final InMemoryEventStorageEngine engine = new InMemoryEventStorageEngine();
    private final EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    private final List<String> askedOfTheStore = new ArrayList<>();
    private final Snapshotter fromTheStore = (type, id) -> askedOfTheStore.add(type.getSimpleName() + " " + id);
    private final List<String> told = new ArrayList<>();
    private final HeldStateSnapshotter<Tally> snapshotter = new HeldStateSnapshotter<>(Tally.class, Tally::copy,
            fromTheStore, store, NoTransactionManager.INSTANCE, Runnable::run,
            (id, sequence) -> told.add(id + " " + sequence));

    @AfterEach
    void stop() {
        store.shutDown();
    }

    /**
     * Axon's trigger asks before the commit for an aggregate read from the store, and when the unit of work cleans up
     * for one created in this process and cached since: both are taken from the state held, after the commit.
     */
    @ParameterizedTest(name = "read from the store: {0}")
    @ValueSource(booleans = {false, true})
    void aCommittedCommandThatMakesASnapshotDueHasItTakenFromTheStateItHolds(boolean readFromTheStore) {
        Repository<Tally> repository = withATally("t-1", readFromTheStore);
        // the event that opened it counts: the third event, m2, makes the snapshot due
        run(() -> repository.load("t-1").execute(tally -> tally.mark("m1")));
        assertThat(snapshot("t-1")).isEmpty();
        run(() -> repository.load("t-1").execute(tally -> tally.mark("m2")));

        DomainEventMessage<?> snapshot = snapshot("t-1").orElseThrow();
        assertThat(snapshot.getSequenceNumber()).as("the version of the command that made it due").isEqualTo(2);
        assertThat(((Tally) snapshot.getPayload()).marks).containsExactly("m1", "m2");
        assertThat(askedOfTheStore).as("nothing read back from the store").isEmpty();
        assertThat(told).as("the snapshot stored, for the background snapshots").containsExactly("t-1 2");

        run(() -> repository.load("t-1").execute(tally -> tally.mark("m3")));
        assertThat(((Tally) snapshot("t-1").orElseThrow().getPayload()).marks)
                .as("the snapshot is a copy, not the aggregate that goes on deciding").containsExactly("m1", "m2");
    }

    @ParameterizedTest(name = "read from the store: {0}")
    @ValueSource(booleans = {false, true})
    void aCommandThatRollsBackAfterMakingASnapshotDueLeavesNoSnapshot(boolean readFromTheStore) {
        Repository<Tally> repository = withATally("t-1", readFromTheStore);
        run(() -> repository.load("t-1").execute(tally -> tally.mark("m1")));

        assertThatThrownBy(() -> run(() -> repository.load("t-1").execute(tally -> tally.markThenRefuse("m2"))))
                .isInstanceOf(Refusal.class);

        assertThat(snapshot("t-1")).as("no snapshot of a state that was never stored").isEmpty();
        assertThat(told).isEmpty();
        assertThat(store.lastSequenceNumberFor("t-1")).contains(1L);
    }

    /**
     * As commands an event processor sends: their units of work are nested in the batch's and share the aggregate,
     * so what one of them holds when the batch commits may carry a sibling's events.
     */
    @ParameterizedTest(name = "read from the store: {0}")
    @ValueSource(booleans = {false, true})
    void commandsNestedInAnotherUnitOfWorkAreSnapshottedFromTheStore(boolean readFromTheStore) {
        Repository<Tally> repository = withATally("t-1", readFromTheStore);
        run(() -> repository.load("t-1").execute(tally -> tally.mark("m1")));

        run(() -> {
            run(() -> repository.load("t-1").execute(tally -> tally.mark("m2")));
            run(() -> repository.load("t-1").execute(tally -> tally.mark("m3")));
        });

        assertThat(askedOfTheStore).containsExactly("Tally t-1");
        assertThat(snapshot("t-1")).as("none taken from the state held").isEmpty();
        assertThat(store.lastSequenceNumberFor("t-1")).contains(3L);
    }

    /** As a command an event processor sends: its unit of work is nested in the batch's, which goes on. */
    @ParameterizedTest(name = "read from the store: {0}")
    @ValueSource(booleans = {false, true})
    void aNestedCommandThatRollsBackAloneLeavesNoSnapshotOfWhatItApplied(boolean readFromTheStore) {
        Repository<Tally> repository = withATally("t-1", readFromTheStore);
        run(() -> repository.load("t-1").execute(tally -> tally.mark("m1")));

        run(() -> assertThatThrownBy(() -> run(() -> repository.load("t-1")
                .execute(tally -> tally.markThenRefuse("m2")))).isInstanceOf(Refusal.class));

        assertThat(snapshot("t-1")).as("no snapshot of a state that was never stored").isEmpty();
        assertThat(store.lastSequenceNumberFor("t-1")).contains(1L);
    }

    @Test
    void whatNoCommittingCommandHoldsIsSnapshottedFromTheStore() {
        snapshotter.scheduleSnapshot(Tally.class, "t-1");
        inUnitOfWork(() -> {
            snapshotter.scheduleSnapshot(Tally.class, "t-2");
            snapshotter.scheduleSnapshot(String.class, "t-3");
            return null;
        });

        assertThat(askedOfTheStore).containsExactly("Tally t-1", "Tally t-2", "String t-3");
    }

    @Test
    void anotherRepositoryLoadsTheHeldStateSnapshotAndDecidesOnIt() {
        Repository<Tally> repository = withATally("t-1", false);
        for (int i = 1; i <= EVERY + 1; i++) {
            int mark = i;
            run(() -> repository.load("t-1").execute(tally -> tally.mark("m" + mark)));
        }
        assertThat(snapshot("t-1")).isPresent();
        Repository<Tally> elsewhere = EventSourcingRepository.builder(Tally.class).eventStore(store).build();

        List<String> marks = inUnitOfWork(() -> elsewhere.load("t-1").invoke(tally -> List.copyOf(tally.marks)));

        assertThat(marks).containsExactly("m1", "m2", "m3", "m4");
    }

    /** A repository with tally {@code id} in it: created there, or created by another and read from the store. */
    private Repository<Tally> withATally(String id, boolean readFromTheStore) {
        Repository<Tally> creator = repository();
        inUnitOfWork(() -> creator.newInstance(() -> new Tally(id)));
        return readFromTheStore ? repository() : creator;
    }

    private Repository<Tally> repository() {
        return CheckedCachingRepository.of(EventSourcingRepository.builder(Tally.class), new AggregateCache(10),
                store, StreamHeads.of(store), new EventCountSnapshotTriggerDefinition(snapshotter, EVERY));
    }

    private Optional<DomainEventMessage<?>> snapshot(String id) {
        return engine.readSnapshot(id);
    }

    record Opened(String id) {
    }

    record Marked(String id, String mark) {
    }

    static class Tally {

        @AggregateIdentifier
        private String id;
        private List<String> marks = new ArrayList<>();

        Tally() {
        }

        Tally(String id) {
            apply(new Opened(id));
        }

        Tally copy() {
            Tally copy = new Tally();
            copy.id = id;
            copy.marks = new ArrayList<>(marks);
            return copy;
        }

        void mark(String mark) {
            apply(new Marked(id, mark));
        }

        void markThenRefuse(String mark) {
            mark(mark);
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE, "no");
        }

        @EventSourcingHandler
        void on(Opened event) {
            id = event.id();
        }

        @EventSourcingHandler
        void on(Marked event) {
            marks.add(event.mark());
        }
    }
}
