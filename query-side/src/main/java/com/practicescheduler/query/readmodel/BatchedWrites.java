package com.practicescheduler.query.readmodel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;

/**
 * The projections' writes, sent to PostgreSQL as JDBC batches. Inside a processor's batch (its unit of work: up to
 * 500 events when catching up or rebuilding, whatever arrived since the last batch when live) a write is kept until
 * the unit of work prepares its commit; then each statement goes with all its rows as one JDBC batch, in the
 * batch's transaction. Anywhere else (a dead-letter retry, a test calling a handler) a write runs at once.
 *
 * <p><b>Order.</b> A write runs after every earlier write of its batch that shares one of its keys, so a projection
 * names as keys the rows its statement writes and the rows the statement reads (for example
 * {@code "appointment_view:" + id}). Writes that share no key touch different rows and may run in any order. The
 * result is the one of running the handlers one event at a time. A handler never reads in Java the rows its own
 * batch writes: what it needs across events of one batch it keeps in {@link #staged}, as the audit trail keeps the
 * head of each practice's chain.
 *
 * <p><b>A write the database refuses</b> fails the batch's commit, before anyone can tell which event caused it:
 * the processor rolls the batch back and retries it. While a batch holds an event of a batch that failed this way,
 * every write runs at once, so the handler that fails, fails on its own event, and {@code ParkAfterDatabaseFailure}
 * and the dead-letter queue park that event as they did before batching (one more retry per poison event). Once
 * such a batch commits, its events are batched again.
 */
@Component
public class BatchedWrites {

    /** More remembered events of failed batches than this and they are forgotten: such a batch just fails again. */
    static final int REMEMBERED = 100_000;
    private static final String RESOURCE = BatchedWrites.class.getName();

    private final NamedParameterJdbcTemplate jdbc;
    /** Identifiers of the events of batches whose commit failed, until a batch with them commits. */
    private final Set<String> failedBatches = ConcurrentHashMap.newKeySet();

    public BatchedWrites(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Runs {@code sql} at once, or with the current processor batch, after its earlier writes that share a key.
     *
     * @param keys the rows the statement writes or reads, each named by its table and id
     */
    public void update(String sql, SqlParameterSource parameters, String... keys) {
        Batch batch = batch();
        if (batch == null) {
            jdbc.update(sql, parameters);
        } else {
            batch.add(sql, parameters, keys);
        }
    }

    /**
     * State a projection keeps for the current processor batch (one per {@code key}), written by its
     * {@link Staged#write()} after the batch's {@link #update} writes, before the batch commits. Empty when there is
     * no batch to keep it in: the projection writes at once.
     */
    public <T extends Staged> Optional<T> staged(Class<T> key, Supplier<T> create) {
        Batch batch = batch();
        return batch == null ? Optional.empty() : Optional.of(key.cast(batch.staged.computeIfAbsent(key,
                k -> create.get())));
    }

    /** What a projection keeps for one processor batch and writes before it commits. */
    public interface Staged {

        void write();
    }

    /** The current processor batch's writes, or null when writes run at once. */
    private Batch batch() {
        if (!CurrentUnitOfWork.isStarted()) {
            return null;
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get().root();
        if (!(unitOfWork instanceof BatchingUnitOfWork<?> processorBatch)) {
            return null;
        }
        Batch batch = unitOfWork.getOrComputeResource(RESOURCE, key -> start(processorBatch));
        return batch.atOnce ? null : batch;
    }

    private Batch start(BatchingUnitOfWork<?> unitOfWork) {
        List<String> events = unitOfWork.getMessages().stream().map(Message::getIdentifier).toList();
        boolean retryingFailure = !failedBatches.isEmpty() && events.stream().anyMatch(failedBatches::contains);
        Batch batch = new Batch(retryingFailure);
        if (retryingFailure) {
            unitOfWork.afterCommit(u -> events.forEach(failedBatches::remove));
        } else {
            unitOfWork.onPrepareCommit(u -> {
                try {
                    batch.write();
                } catch (RuntimeException | Error e) {
                    if (failedBatches.size() + events.size() > REMEMBERED) {
                        failedBatches.clear();
                    }
                    failedBatches.addAll(events);
                    throw e;
                }
            });
        }
        return batch;
    }

    private final class Batch {

        private final boolean atOnce;
        private final List<Write> writes = new ArrayList<>();
        /** Per key, the round of the last write that named it: a write goes one round after each of its keys'. */
        private final Map<String, Integer> lastRound = new HashMap<>();
        private final Map<Class<?>, Staged> staged = new LinkedHashMap<>();

        Batch(boolean atOnce) {
            this.atOnce = atOnce;
        }

        void add(String sql, SqlParameterSource parameters, String... keys) {
            int round = 0;
            for (String key : keys) {
                Integer last = lastRound.get(key);
                if (last != null && last >= round) {
                    round = last + 1;
                }
            }
            for (String key : keys) {
                lastRound.put(key, round);
            }
            writes.add(new Write(round, sql, parameters));
        }

        /** Round by round; in each round one JDBC batch per statement, its rows in the order they were written. */
        void write() {
            Map<Integer, Map<String, List<SqlParameterSource>>> rounds = new TreeMap<>();
            for (Write write : writes) {
                rounds.computeIfAbsent(write.round(), r -> new LinkedHashMap<>())
                        .computeIfAbsent(write.sql(), s -> new ArrayList<>()).add(write.parameters());
            }
            writes.clear();
            rounds.values().forEach(statements -> statements.forEach((sql, rows) -> {
                if (rows.size() == 1) {
                    jdbc.update(sql, rows.get(0));
                } else {
                    jdbc.batchUpdate(sql, rows.toArray(SqlParameterSource[]::new));
                }
            }));
            staged.values().forEach(Staged::write);
        }
    }

    private record Write(int round, String sql, SqlParameterSource parameters) {
    }
}
