package com.practicescheduler.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.query.ProcessorBatch;
import com.practicescheduler.query.ReadModelDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;

/** Writes of a processor batch on a real PostgreSQL: when they reach it, in which order, and after a failure. */
class BatchedWritesTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();

    private final BatchedWrites writes = new BatchedWrites(db.named());

    @Test
    void aBatchsWritesReachTheDatabaseWhenItCommitsEachRowsInTheOrderTheyWereMade() {
        List<Integer> rowsSeenDuringTheBatch = new ArrayList<>();

        ProcessorBatch.run(writes, List.of(
                w -> register(w, "patient-1", "Ann"),
                w -> set(w, "patient-1", "first_name", "Bea"),
                w -> rename(w, "patient-1", "Cy", "Changed"),
                w -> register(w, "patient-2", "Dan"),
                w -> set(w, "patient-1", "first_name", "Eve"),
                w -> rowsSeenDuringTheBatch.add(db.count("patient_view"))));

        assertThat(rowsSeenDuringTheBatch).containsExactly(0);
        assertThat(names()).containsExactly(Map.of("first_name", "Eve", "last_name", "Changed"),
                Map.of("first_name", "Dan", "last_name", "Example"));
    }

    @Test
    void outsideAProcessorBatchAWriteRunsAtOnce() {
        register(writes, "patient-1", "Ann");

        assertThat(db.count("patient_view")).isEqualTo(1);
    }

    /**
     * A write the database refuses fails the batch's commit, where no one can tell which event it belongs to. The
     * batch's retry writes each row at once, so the handler of that event fails on it (and the processor parks the
     * event); once a batch with those events commits, writes are batched again.
     */
    @Test
    void afterABatchFailsToCommitItsRetryWritesAtOnceSoTheEventThatCannotBeWrittenFailsInItsOwnHandler() {
        List<EventMessage<?>> events = List.of(GenericEventMessage.asEventMessage("first"),
                GenericEventMessage.asEventMessage("poison"), GenericEventMessage.asEventMessage("last"));
        List<String> failedInHandler = new ArrayList<>();
        List<Consumer<BatchedWrites>> poisoned = List.of(
                w -> register(w, "patient-1", "Ann"),
                w -> {
                    try {
                        register(w, "patient-2", "a\u0000b"); // PostgreSQL text cannot hold NUL
                    } catch (DataAccessException e) {
                        failedInHandler.add("patient-2");
                        throw e;
                    }
                },
                w -> register(w, "patient-3", "Cid"));

        assertThatThrownBy(() -> ProcessorBatch.run(events, writes, poisoned)).isInstanceOf(DataAccessException.class);
        assertThat(failedInHandler).as("batched: the failure comes at the commit").isEmpty();

        assertThatThrownBy(() -> ProcessorBatch.run(events, writes, poisoned)).isInstanceOf(DataAccessException.class);
        assertThat(failedInHandler).as("the retry fails in the handler").containsExactly("patient-2");

        ProcessorBatch.run(events, writes, List.of(
                w -> register(w, "patient-1", "Ann"),
                w -> { }, // parked
                w -> register(w, "patient-3", "Cid")));
        List<Integer> rowsSeenDuringTheBatch = new ArrayList<>();
        ProcessorBatch.run(writes, List.of(
                w -> register(w, "patient-4", "Dan"),
                w -> rowsSeenDuringTheBatch.add(db.count("patient_view"))));

        assertThat(rowsSeenDuringTheBatch).as("batched again").containsExactly(2);
        assertThat(db.count("patient_view")).isEqualTo(3);
    }

    private static void register(BatchedWrites writes, String patientId, String firstName) {
        writes.update("""
                insert into patient_view (patient_id, practice_id, first_name, last_name, date_of_birth)
                values (:id, 'practice-1', :first, 'Example', date '1980-01-01')
                on conflict (patient_id) do nothing
                """, new MapSqlParameterSource("id", patientId).addValue("first", firstName), "patient:" + patientId);
    }

    private static void set(BatchedWrites writes, String patientId, String column, String value) {
        writes.update("update patient_view set " + column + " = :value where patient_id = :id",
                new MapSqlParameterSource("id", patientId).addValue("value", value), "patient:" + patientId);
    }

    private static void rename(BatchedWrites writes, String patientId, String firstName, String lastName) {
        writes.update("update patient_view set first_name = :first, last_name = :last where patient_id = :id",
                new MapSqlParameterSource("id", patientId).addValue("first", firstName).addValue("last", lastName),
                "patient:" + patientId);
    }

    private static List<Map<String, Object>> names() {
        return db.jdbc().queryForList("select first_name, last_name from patient_view order by patient_id");
    }
}
