package com.practicescheduler.command.common;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.ObjLongConsumer;
import java.util.function.UnaryOperator;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Snapshots an aggregate from the state the command that made the snapshot due holds in memory, instead of reading
 * its last snapshot and the events since back from the store (Axon's snapshotter, which the JFR profile of the
 * bookings-only benchmark showed spending 71 % of its thread deserializing the previous snapshot of a schedule of
 * thousands of reservations, to arrive at the state the command side already had).
 * <ul>
 *   <li>Only once the unit of work has committed, and while it still holds the aggregate's lock: the state is then
 *       exactly the stream's up to the aggregate's version, and no other command of this process can change it
 *       while {@code copy} copies it. Axon's trigger asks for a snapshot either before the commit (taken here
 *       after it) or, for an aggregate that was not read from the store in this process (created here, and cached
 *       since) or that became due while loading, when the unit of work cleans up, committed or not (taken here
 *       only if it committed). Both come before the lock is released: locks are released when the unit of work
 *       cleans up, by a handler registered when the aggregate was loaded, and cleanup handlers run last
 *       registered, first. The copy is serialized and stored by a thread of its own, off the command's
 *       answer.</li>
 *   <li>Only in the unit of work that loaded the aggregate, and only if that one is not nested in another
 *       ({@link CheckedCachingRepository#heldInCurrentUnitOfWork}): nested ones (commands an event processor sends
 *       in its batch's unit of work) share the aggregate with the batch's other commands, whose events may be in it
 *       by the time the batch commits, or were applied and rolled back alone.</li>
 *   <li>Anything else goes to {@code fallback} (Axon's snapshotter, reading the store): another aggregate type, no
 *       unit of work (the background snapshots of imported histories), an aggregate the unit of work did not load
 *       through a {@link CheckedCachingRepository} (or did in a nested unit of work), or a unit of work that rolled back.</li>
 *   <li>Snapshots of one aggregate waiting for the thread are coalesced: only the newest is stored.</li>
 *   <li>Each one stored is told to {@code stored} (the aggregate and the sequence number it was taken at), so that
 *       snapshots taken in the background need not take it again.</li>
 * </ul>
 */
public final class HeldStateSnapshotter<T> implements Snapshotter {

    private static final Logger log = LoggerFactory.getLogger(HeldStateSnapshotter.class);

    private final Class<T> aggregateType;
    private final UnaryOperator<T> copy;
    private final Snapshotter fallback;
    private final EventStore eventStore;
    private final TransactionManager transactions;
    private final Executor executor;
    private final ObjLongConsumer<String> stored;
    /** Per aggregate, the newest snapshot waiting for the executor. */
    private final Map<String, DomainEventMessage<T>> waiting = new ConcurrentHashMap<>();

    /**
     * @param copy a copy of the aggregate's stored fields that no later command changes (the original stays in
     *             use); called on the committing thread, under the aggregate's lock
     * @param stored told of every snapshot stored here: the aggregate's identifier and the snapshot's sequence number
     */
    public HeldStateSnapshotter(Class<T> aggregateType, UnaryOperator<T> copy, Snapshotter fallback,
                                EventStore eventStore, TransactionManager transactions, Executor executor,
                                ObjLongConsumer<String> stored) {
        this.aggregateType = aggregateType;
        this.copy = copy;
        this.fallback = fallback;
        this.eventStore = eventStore;
        this.transactions = transactions;
        this.executor = executor;
        this.stored = stored;
    }

    @Override
    public void scheduleSnapshot(Class<?> type, String aggregateIdentifier) {
        EventSourcedAggregate<T> held = type == aggregateType
                ? CheckedCachingRepository.heldInCurrentUnitOfWork(aggregateType, aggregateIdentifier) : null;
        UnitOfWork<?> unitOfWork = held == null ? null : CurrentUnitOfWork.get();
        if (unitOfWork != null && unitOfWork.phase().isBefore(UnitOfWork.Phase.COMMIT)) {
            unitOfWork.afterCommit(u -> take(held));
        } else if (unitOfWork != null && unitOfWork.phase() == UnitOfWork.Phase.CLEANUP && committed(unitOfWork)) {
            take(held);
        } else {
            fallback.scheduleSnapshot(type, aggregateIdentifier);
        }
    }

    private static boolean committed(UnitOfWork<?> unitOfWork) {
        return !unitOfWork.isRolledBack() && !unitOfWork.root().isRolledBack();
    }

    private void take(EventSourcedAggregate<T> held) {
        if (held.isDeleted() || held.version() == null) {
            return;
        }
        String id = held.identifierAsString();
        @SuppressWarnings("unchecked")
        T state = copy.apply((T) held.getAggregateRoot());
        if (waiting.put(id, new GenericDomainEventMessage<>(held.type(), id, held.version(), state)) == null) {
            try {
                executor.execute(() -> store(id));
            } catch (RejectedExecutionException shuttingDown) {
                waiting.remove(id);
            }
        }
    }

    private void store(String aggregateIdentifier) {
        DomainEventMessage<T> snapshot = waiting.remove(aggregateIdentifier);
        if (snapshot == null) {
            return;
        }
        try {
            transactions.executeInTransaction(() -> eventStore.storeSnapshot(snapshot));
            stored.accept(aggregateIdentifier, snapshot.getSequenceNumber());
        } catch (RuntimeException e) {
            // changes nothing: loads read the previous snapshot and more events, and the next one is due as before
            log.warn("A snapshot of {} {} at {} failed: {}", snapshot.getType(), aggregateIdentifier,
                    snapshot.getSequenceNumber(), e.toString());
        }
    }
}
