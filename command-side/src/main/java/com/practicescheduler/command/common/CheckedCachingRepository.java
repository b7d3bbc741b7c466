package com.practicescheduler.command.common;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateCacheEntry;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * An event-sourced repository that keeps aggregates between commands and never decides on a stale one.
 * <ul>
 *   <li>Several command-side processes may share the event store (without Axon Server, which routes an aggregate's
 *       commands to one node), so a cached aggregate is used only if its version is still the stream's last
 *       sequence number ({@link StreamHeads}: one indexed query) and is otherwise loaded again from its snapshot and
 *       events. A stale aggregate could not cause a double booking (the append's sequence check refuses it and the
 *       sender retries on fresh state), but it could refuse what is allowed: a slot another process freed. A command
 *       that trusts what is cached ({@link StreamHeads#trustCached()}) skips that query; its append and its refusals
 *       check the version instead.</li>
 *   <li>A unit of work that rolls back drops the aggregate only if an event was applied to it in that unit of work
 *       (its state may then be ahead of the store), or if it was created there. A refusal decided before any event
 *       keeps it: Axon's own caching repository drops it on every rollback, and with one request in ten refused the
 *       cache of a busy provider was empty most of the time.</li>
 *   <li>The aggregate a unit of work loaded is what it holds the lock of until it cleans up, so once it has committed,
 *       that aggregate is the stream's state at its version: {@link HeldStateSnapshotter} snapshots it from there
 *       instead of reading the last snapshot and the events since back from the store.</li>
 * </ul>
 * State changes only in event-sourcing handlers, as everywhere in this code base, so an unchanged version means an
 * unchanged aggregate.
 */
public final class CheckedCachingRepository<T> extends EventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;
    private final StreamHeads heads;
    private final SnapshotTriggerDefinition snapshots;
    private final String heldKey;

    private CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore,
                                     StreamHeads heads, SnapshotTriggerDefinition snapshots) {
        super(builder.eventStore(eventStore).snapshotTriggerDefinition(snapshots));
        this.cache = cache;
        this.eventStore = eventStore;
        this.heads = heads;
        this.snapshots = snapshots;
        this.heldKey = heldKey(aggregateModel().entityClass());
    }

    /** {@code builder} with everything but the event store and the snapshot trigger, which this sets. */
    public static <T> CheckedCachingRepository<T> of(EventSourcingRepository.Builder<T> builder, Cache cache,
                                                     EventStore eventStore, StreamHeads heads,
                                                     SnapshotTriggerDefinition snapshots) {
        return new CheckedCachingRepository<>(builder, cache, eventStore, heads, snapshots);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        EventSourcedAggregate<T> aggregate = cached(aggregateIdentifier);
        if (aggregate == null) {
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        Map<String, Held> held = held(CurrentUnitOfWork.get(), heldKey);
        Held holding = new Held(aggregate, CurrentUnitOfWork.get());
        held.put(aggregateIdentifier, holding);
        EventSourcedAggregate<T> inUse = aggregate;
        Long version = aggregate.version();
        CurrentUnitOfWork.get().onRollback(u -> {
            // a unit of work nested in one that goes on (a command sent by an event processor) rolls back alone
            held.remove(aggregateIdentifier, holding);
            if (!Objects.equals(inUse.version(), version)) {
                cache.remove(aggregateIdentifier);
            }
        });
        return aggregate;
    }

    private EventSourcedAggregate<T> cached(String aggregateIdentifier) {
        AggregateCacheEntry<T> entry = cache.get(aggregateIdentifier);
        if (entry == null) {
            return null;
        }
        EventSourcedAggregate<T> aggregate = entry.recreateAggregate(aggregateModel(), eventStore, snapshots);
        if (aggregate.version() != null
                && heads.trusted(aggregateIdentifier, aggregate.version(), () -> cache.remove(aggregateIdentifier))) {
            return aggregate;
        }
        Long stored = heads.lastSequence(aggregateIdentifier).orElse(null);
        if (stored == null || aggregate.version() == null || aggregate.version() < stored) {
            cache.remove(aggregateIdentifier);
            return null;
        }
        return aggregate;
    }

    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        super.doSaveWithLock(aggregate);
        String key = aggregate.identifierAsString();
        if (key == null) {
            return;
        }
        if (!held(CurrentUnitOfWork.get(), heldKey).containsKey(key)) {
            // created in this unit of work: if it does not commit, it does not exist
            CurrentUnitOfWork.get().onRollback(u -> cache.remove(key));
        }
        cache.put(key, new AggregateCacheEntry<>(aggregate));
    }

    @Override
    protected void doDeleteWithLock(EventSourcedAggregate<T> aggregate) {
        super.doDeleteWithLock(aggregate);
        if (aggregate.identifierAsString() != null) {
            cache.remove(aggregate.identifierAsString());
        }
    }

    /**
     * The aggregate of {@code aggregateType} that the current unit of work loaded through a repository of this kind,
     * and so holds the lock of until it cleans up, if that unit of work is not nested in another; null otherwise.
     * Its state is the store's only once the unit of work has committed. Nested units of work (the commands an event
     * processor sends in its batch's) share what they load with their siblings, and may roll back alone.
     */
    @SuppressWarnings("unchecked")
    static <T> EventSourcedAggregate<T> heldInCurrentUnitOfWork(Class<T> aggregateType, String aggregateIdentifier) {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> current = CurrentUnitOfWork.get();
        Held held = held(current, heldKey(aggregateType)).get(aggregateIdentifier);
        return held != null && held.loadedIn() == current && current.parent().isEmpty()
                ? (EventSourcedAggregate<T>) held.aggregate() : null;
    }

    /**
     * An aggregate a unit of work loaded, and that unit of work; kept in the root's resources, per aggregate type, for
     * as long as the root lasts (what is not there at a save was created in this unit of work).
     */
    private record Held(EventSourcedAggregate<?> aggregate, UnitOfWork<?> loadedIn) {
    }

    private static String heldKey(Class<?> aggregateType) {
        return CheckedCachingRepository.class.getName() + ".held:" + aggregateType.getName();
    }

    private static Map<String, Held> held(UnitOfWork<?> unitOfWork, String key) {
        return unitOfWork.root().getOrComputeResource(key, k -> new HashMap<>());
    }
}
