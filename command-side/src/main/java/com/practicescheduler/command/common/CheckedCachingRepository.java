package com.practicescheduler.command.common;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;

/**
 * An event-sourced repository that keeps aggregates between commands and never decides on a stale one. Several
 * command-side processes may share the event store (without Axon Server, which would route an aggregate's commands
 * to one node); another may have appended since this one cached the aggregate. So a cached aggregate is used only
 * if its version is still the stream's last sequence number — one indexed query — and is otherwise dropped and
 * loaded again from its snapshot and events. A stale aggregate could not cause a double booking anyway (the append's
 * sequence check refuses it and the sender retries on fresh state), but it could refuse what is allowed: a slot
 * another process freed. Axon's repository drops the entry itself when a unit of work rolls back.
 */
public final class CheckedCachingRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    private CheckedCachingRepository(EventSourcingRepository.Builder<T> builder, Cache cache, EventStore eventStore) {
        super(builder.cache(cache).eventStore(eventStore));
        this.cache = cache;
        this.eventStore = eventStore;
    }

    /** {@code builder} with everything but the cache and the event store, which this sets. */
    public static <T> CheckedCachingRepository<T> of(EventSourcingRepository.Builder<T> builder, Cache cache,
                                                     EventStore eventStore) {
        return new CheckedCachingRepository<>(builder, cache, eventStore);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        boolean cached = cache.containsKey(aggregateIdentifier);
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached && !isLatest(aggregateIdentifier, aggregate.version())) {
            cache.remove(aggregateIdentifier);
            aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        }
        return aggregate;
    }

    private boolean isLatest(String aggregateIdentifier, Long version) {
        Long stored = eventStore.lastSequenceNumberFor(aggregateIdentifier).orElse(null);
        return stored == null ? version == null : stored.equals(version);
    }
}
