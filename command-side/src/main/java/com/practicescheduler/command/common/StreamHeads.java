package com.practicescheduler.command.common;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last sequence number of event streams: what a cached aggregate or a cached fold of a stream is checked against
 * before a command decides on it ({@link CheckedCachingRepository}, the practice's terms). A command that knows which
 * streams it will read asks for all of them at once ({@link #readAhead}); on the JDBC event store that is one query
 * instead of one per stream. What was read ahead is used once, by the first check of that stream in the same unit of
 * work; every later check reads again.
 * <p>
 * Read ahead means read before the command holds the aggregate's lock. A check then passes when the cached version is
 * at least the number read: an append by another process in between is refused by the append's own sequence check
 * (and the command retried on fresh state), so it can never cause a double booking; and a refusal decided on the
 * state read is one the command could have met had it run a moment earlier, before that other command.
 */
public final class StreamHeads {

    private static final String KEY = StreamHeads.class.getName() + ".readAhead";

    private final Function<Collection<String>, Map<String, Long>> reader;

    private StreamHeads(Function<Collection<String>, Map<String, Long>> reader) {
        this.reader = reader;
    }

    /**
     * One query for any number of streams, on the JDBC event store's table. Each stream's number is its own
     * subquery, which PostgreSQL answers from the end of the (stream, sequence) index: {@code max(..) ... in (..)
     * group by} read every entry of both streams instead (26.6 against 0.16 ms for a provider with 4,800 events).
     */
    public static StreamHeads onJdbc(JdbcTemplate jdbc, String eventTable) {
        return new StreamHeads(ids -> {
            Map<String, Long> heads = new HashMap<>();
            jdbc.query("select v.id, (select max(e.sequence_number) from " + eventTable + " e"
                            + " where e.aggregate_identifier = v.id) from (values "
                            + String.join(", ", ids.stream().map(id -> "(cast(? as varchar))").toList()) + ") as v(id)",
                    rs -> {
                        long last = rs.getLong(2);
                        if (!rs.wasNull()) {
                            heads.put(rs.getString(1), last);
                        }
                    }, ids.toArray());
            return heads;
        });
    }

    /** One call per stream, on any event store (Axon Server's). */
    public static StreamHeads of(EventStore eventStore) {
        return new StreamHeads(ids -> {
            Map<String, Long> heads = new HashMap<>();
            for (String id : ids) {
                eventStore.lastSequenceNumberFor(id).ifPresent(last -> heads.put(id, last));
            }
            return heads;
        });
    }

    /**
     * Reads the streams' last sequence numbers now, for the first check of each later in this unit of work. Ids that
     * are null are skipped.
     */
    public void readAhead(String... streamIds) {
        Set<String> ids = new LinkedHashSet<>();
        for (String id : streamIds) {
            if (id != null) {
                ids.add(id);
            }
        }
        if (ids.isEmpty() || !CurrentUnitOfWork.isStarted()) {
            return;
        }
        Map<String, Long> heads = reader.apply(List.copyOf(ids));
        Map<String, Optional<Long>> remembered = remembered();
        for (String id : ids) {
            remembered.put(id, Optional.ofNullable(heads.get(id)));
        }
    }

    /** The stream's last sequence number (empty: no such stream): read ahead in this unit of work, or read now. */
    public Optional<Long> lastSequence(String streamId) {
        if (CurrentUnitOfWork.isStarted()) {
            Optional<Long> readAhead = remembered().remove(streamId);
            if (readAhead != null) {
                return readAhead;
            }
        }
        return Optional.ofNullable(reader.apply(List.of(streamId)).get(streamId));
    }

    private static Map<String, Optional<Long>> remembered() {
        return CurrentUnitOfWork.get().root().getOrComputeResource(KEY, key -> new HashMap<>());
    }
}
