package com.practicescheduler.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The audit trail: every {@link AuditRecordedEvent}, in event-store order, appended to its practice's hash chain.
 * Append-only (the table's trigger refuses updates and deletes); rebuilt from the event store it comes out the
 * same, hashes included.
 */
@Component
@ProcessingGroup(ReadModels.AUDIT)
class AuditTrail {

    /** The chain of entries that belong to no practice (requests without a valid token). */
    static final String NO_PRACTICE = "-";
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    /** Reads in batches through a cursor: exports and verification never hold a whole trail in memory. */
    private final NamedParameterJdbcTemplate streaming;
    private final JsonColumns json;
    private final TransactionTemplate transactions;

    AuditTrail(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, DataSource dataSource, ObjectMapper json,
               TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.writes = writes;
        JdbcTemplate batched = new JdbcTemplate(dataSource);
        batched.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(batched);
        this.json = new JsonColumns(json);
        this.transactions = transactions;
    }

    @EventHandler
    void on(AuditRecordedEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        Recorded recorded = new Recorded(event, recordedAt.truncatedTo(ChronoUnit.MICROS));
        writes.staged(Appends.class, Appends::new).ifPresentOrElse(appends -> appends.recorded.add(recorded),
                () -> append(List.of(recorded)));
    }

    private record Recorded(AuditRecordedEvent event, Instant at) {
    }

    /**
     * The entries of one processor batch, appended together before it commits. The head of each practice's chain
     * is read then, and kept only while this batch is appended: another process may own the trail next.
     */
    private final class Appends implements BatchedWrites.Staged {

        private final List<Recorded> recorded = new ArrayList<>();

        @Override
        public void write() {
            append(recorded);
        }
    }

    /** Appends the entries to their practices' chains in this order; one already in the trail was delivered again. */
    private void append(List<Recorded> recorded) {
        // One look-up by key per id: a rebuild starts with an empty trail, and the plan PostgreSQL keeps for a
        // prepared statement is the one it chose then. For "entry_id = any(:ids)" that was a scan of the whole
        // trail, 26 ms a batch at 60,000 entries (measured); this form is planned as index look-ups even then.
        Set<String> present = new HashSet<>(jdbc.queryForList("""
                select i.id from unnest(cast(:ids as varchar[])) as i(id)
                cross join lateral (select 1 from audit_entry a where a.entry_id = i.id limit 1) as present
                """, new MapSqlParameterSource("ids", recorded.stream().map(r -> r.event().auditId())
                        .toArray(String[]::new)), String.class));
        Map<String, Link> heads = heads(recorded.stream().map(r -> practice(r.event())).distinct().toList());
        List<SqlParameterSource> entries = new ArrayList<>();
        List<SqlParameterSource> patients = new ArrayList<>();
        for (Recorded r : recorded) {
            AuditRecordedEvent event = r.event();
            if (!present.add(event.auditId())) {
                continue; // delivered again
            }
            String practiceId = practice(event);
            Link previous = heads.getOrDefault(practiceId, Link.GENESIS);
            AuditEntry entry = new AuditEntry(event.auditId(), practiceId, previous.chainSeq() + 1, r.at(),
                    event.actor(), event.roles(), event.action(), event.resourceType(), event.resourceId(),
                    event.patientIds(), event.outcome(), event.problem(), event.sourceIp(), event.correlationId(),
                    event.count());
            String hash = entry.hash(previous.hash());
            heads.put(practiceId, new Link(entry.chainSeq(), hash));
            entries.add(new MapSqlParameterSource("id", entry.id())
                    .addValue("practice", practiceId)
                    .addValue("seq", entry.chainSeq())
                    .addValue("at", Timestamp.from(entry.at()))
                    .addValue("actor", entry.actor())
                    .addValue("roles", json.write(entry.roles()))
                    .addValue("action", entry.action())
                    .addValue("resourceType", entry.resourceType())
                    .addValue("resourceId", entry.resourceId())
                    .addValue("patients", json.write(entry.patientIds()))
                    .addValue("outcome", entry.outcome().name())
                    .addValue("problem", entry.problem())
                    .addValue("sourceIp", entry.sourceIp())
                    .addValue("correlationId", entry.correlationId())
                    .addValue("count", entry.count())
                    .addValue("prevHash", previous.hash())
                    .addValue("hash", hash));
            for (String patientId : new LinkedHashSet<>(entry.patientIds())) {
                patients.add(new MapSqlParameterSource("practice", practiceId).addValue("patient", patientId)
                        .addValue("seq", entry.chainSeq()));
            }
        }
        if (!entries.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into audit_entry (entry_id, practice_id, chain_seq, at, actor, roles, action, resource_type,
                        resource_id, patient_ids, outcome, problem, source_ip, correlation_id, count, prev_hash, hash)
                    values (:id, :practice, :seq, :at, :actor, cast(:roles as jsonb), :action, :resourceType,
                        :resourceId, cast(:patients as jsonb), :outcome, :problem, :sourceIp, :correlationId,
                        :count, :prevHash, :hash)
                    """, entries.toArray(SqlParameterSource[]::new));
        }
        if (!patients.isEmpty()) {
            jdbc.batchUpdate("""
                    insert into audit_entry_patient (practice_id, patient_id, chain_seq)
                    values (:practice, :patient, :seq)
                    """, patients.toArray(SqlParameterSource[]::new));
        }
    }

    /** A chain's last entry: its position and hash. */
    private record Link(long chainSeq, String hash) {

        static final Link GENESIS = new Link(0, AuditEntry.GENESIS);
    }

    /** The last entry of each practice's chain that has one (planned as index look-ups, as above). */
    private Map<String, Link> heads(List<String> practiceIds) {
        Map<String, Link> heads = new HashMap<>();
        jdbc.query("""
                select p.practice_id, last.chain_seq, last.hash
                from jsonb_array_elements_text(cast(:practices as jsonb)) as p(practice_id)
                cross join lateral (select chain_seq, hash from audit_entry a where a.practice_id = p.practice_id
                    order by chain_seq desc limit 1) as last
                """, new MapSqlParameterSource("practices", json.write(practiceIds)),
                rs -> {
                    heads.put(rs.getString("practice_id"), new Link(rs.getLong("chain_seq"), rs.getString("hash")));
                });
        return heads;
    }

    private static String practice(AuditRecordedEvent event) {
        return event.practiceId() == null ? NO_PRACTICE : event.practiceId();
    }

    /**
     * Empties the trail for a rebuild from the event store: the one truncate the tables' triggers let through (a
     * delete would run their append-only trigger for every row).
     */
    @ResetHandler
    void reset() {
        transactions.executeWithoutResult(status -> {
            jdbc.getJdbcTemplate().queryForObject(
                    "select set_config('practice_scheduler.audit_rebuild', 'on', true)", String.class);
            jdbc.getJdbcTemplate().execute("truncate audit_entry_patient, audit_entry");
        });
    }

    /** What to look for; null fields do not filter. {@code before} is a chain position (the paging cursor). */
    record Filter(String practiceId, String patientId, String actor, String action, AuditOutcome outcome,
                  Instant from, Instant to, Long before) {
    }

    /**
     * Matching entries, newest first, at most {@code limit}. For one patient, walks that patient's entries
     * ({@code audit_entry_patient}) backwards, so the cost is the page, not the size of the trail.
     */
    List<AuditEntry> page(Filter filter, int limit) {
        if (filter.patientId() == null) {
            return jdbc.query("select * from audit_entry where " + where("") + " order by chain_seq desc limit :limit",
                    parameters(filter).addValue("limit", limit), (rs, row) -> entry(rs));
        }
        return jdbc.query("""
                select a.* from audit_entry_patient p
                join audit_entry a on a.practice_id = p.practice_id and a.chain_seq = p.chain_seq
                where p.practice_id = :practice and p.patient_id = :patient and\s"""
                        + where("a.") + " order by p.chain_seq desc limit :limit",
                parameters(filter).addValue("limit", limit), (rs, row) -> entry(rs));
    }

    /** Streams the practice's entries recorded in [from, to), oldest first, without holding them all in memory. */
    void export(String practiceId, Instant from, Instant to, Consumer<AuditEntry> sink) {
        transactions.executeWithoutResult(status -> {
            streaming.query("select * from audit_entry where " + where("") + " order by chain_seq",
                    parameters(new Filter(practiceId, null, null, null, null, from, to, null)),
                    rs -> {
                        sink.accept(entry(rs));
                    });
        });
    }

    /** Walks the practice's chain from its first entry and recomputes every hash. */
    Verification verify(String practiceId) {
        List<Verification> result = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            long[] checked = {0};
            String[] previousHash = {AuditEntry.GENESIS};
            AuditEntry[] broken = {null};
            streaming.query("select * from audit_entry where practice_id = :practice order by chain_seq",
                    new MapSqlParameterSource("practice", practiceId), rs -> {
                        if (broken[0] != null) {
                            return;
                        }
                        AuditEntry entry = entry(rs);
                        checked[0]++;
                        boolean intact = entry.chainSeq() == checked[0]
                                && previousHash[0].equals(rs.getString("prev_hash"))
                                && entry.hash(previousHash[0]).equals(rs.getString("hash"));
                        if (!intact) {
                            broken[0] = entry;
                        }
                        previousHash[0] = rs.getString("hash");
                    });
            result.add(new Verification(broken[0] == null, checked[0], broken[0]));
        });
        return result.get(0);
    }

    record Verification(boolean valid, long entriesChecked, AuditEntry firstBroken) {
    }

    /** The filter on {@code audit_entry}, its columns prefixed with {@code table} ("a." in a join, or ""). */
    private static String where(String table) {
        return """
                %1$spractice_id = :practice
                and (cast(:actor as text) is null or %1$sactor = :actor)
                and (cast(:action as text) is null or %1$saction = :action)
                and (cast(:outcome as text) is null or %1$soutcome = :outcome)
                and (cast(:from as timestamptz) is null or %1$sat >= :from)
                and (cast(:to as timestamptz) is null or %1$sat < :to)
                and (cast(:before as bigint) is null or %1$schain_seq < :before)
                """.formatted(table);
    }

    private MapSqlParameterSource parameters(Filter filter) {
        return new MapSqlParameterSource("practice", filter.practiceId())
                .addValue("patient", filter.patientId(), java.sql.Types.VARCHAR)
                .addValue("actor", filter.actor(), java.sql.Types.VARCHAR)
                .addValue("action", filter.action(), java.sql.Types.VARCHAR)
                .addValue("outcome", filter.outcome() == null ? null : filter.outcome().name(), java.sql.Types.VARCHAR)
                .addValue("from", filter.from() == null ? null : filter.from().atOffset(ZoneOffset.UTC),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("to", filter.to() == null ? null : filter.to().atOffset(ZoneOffset.UTC),
                        java.sql.Types.TIMESTAMP_WITH_TIMEZONE)
                .addValue("before", filter.before(), java.sql.Types.BIGINT);
    }

    private AuditEntry entry(ResultSet rs) throws SQLException {
        return new AuditEntry(rs.getString("entry_id"), rs.getString("practice_id"), rs.getLong("chain_seq"),
                rs.getObject("at", OffsetDateTime.class).toInstant(), rs.getString("actor"),
                json.read(rs.getString("roles"), STRINGS), rs.getString("action"), rs.getString("resource_type"),
                rs.getString("resource_id"), json.read(rs.getString("patient_ids"), STRINGS),
                AuditOutcome.valueOf(rs.getString("outcome")), rs.getString("problem"), rs.getString("source_ip"),
                rs.getString("correlation_id"), rs.getInt("count"));
    }
}
