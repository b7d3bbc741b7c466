package com.practicescheduler.query.audit;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.platform.persistence.JsonColumns;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
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
    /** Reads in batches through a cursor: exports and verification never hold a whole trail in memory. */
    private final NamedParameterJdbcTemplate streaming;
    private final JsonColumns json;
    private final TransactionTemplate transactions;

    AuditTrail(NamedParameterJdbcTemplate jdbc, DataSource dataSource, ObjectMapper json,
               TransactionTemplate transactions) {
        this.jdbc = jdbc;
        JdbcTemplate batched = new JdbcTemplate(dataSource);
        batched.setFetchSize(1000);
        this.streaming = new NamedParameterJdbcTemplate(batched);
        this.json = new JsonColumns(json);
        this.transactions = transactions;
    }

    @EventHandler
    void on(AuditRecordedEvent event, @org.axonframework.eventhandling.Timestamp Instant recordedAt) {
        MapSqlParameterSource id = new MapSqlParameterSource("id", event.auditId());
        if (!jdbc.queryForList("select 1 from audit_entry where entry_id = :id", id, Integer.class).isEmpty()) {
            return; // delivered again
        }
        String practiceId = event.practiceId() == null ? NO_PRACTICE : event.practiceId();
        List<Object[]> last = jdbc.query("select chain_seq, hash from audit_entry where practice_id = :practice"
                        + " order by chain_seq desc limit 1", new MapSqlParameterSource("practice", practiceId),
                (rs, row) -> new Object[] {rs.getLong("chain_seq"), rs.getString("hash")});
        long seq = last.isEmpty() ? 1 : (long) last.get(0)[0] + 1;
        String previousHash = last.isEmpty() ? AuditEntry.GENESIS : (String) last.get(0)[1];
        AuditEntry entry = new AuditEntry(event.auditId(), practiceId, seq, recordedAt.truncatedTo(ChronoUnit.MICROS),
                event.actor(), event.roles(), event.action(), event.resourceType(), event.resourceId(),
                event.patientIds(), event.outcome(), event.problem(), event.sourceIp(), event.correlationId(),
                event.count());
        jdbc.update("""
                insert into audit_entry (entry_id, practice_id, chain_seq, at, actor, roles, action, resource_type,
                    resource_id, patient_ids, outcome, problem, source_ip, correlation_id, count, prev_hash, hash)
                values (:id, :practice, :seq, :at, :actor, cast(:roles as jsonb), :action, :resourceType,
                    :resourceId, cast(:patients as jsonb), :outcome, :problem, :sourceIp, :correlationId,
                    :count, :prevHash, :hash)
                """, id.addValue("practice", practiceId)
                .addValue("seq", seq)
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
                .addValue("prevHash", previousHash)
                .addValue("hash", entry.hash(previousHash)));
        if (!entry.patientIds().isEmpty()) {
            jdbc.update("""
                    insert into audit_entry_patient (practice_id, patient_id, chain_seq)
                    select distinct :practice, patient.id, :seq
                    from jsonb_array_elements_text(cast(:patients as jsonb)) as patient(id)
                    """, id);
        }
    }

    /** Empties the trail for a rebuild from the event store: the one delete the table's trigger lets through. */
    @ResetHandler
    void reset() {
        transactions.executeWithoutResult(status -> {
            jdbc.getJdbcTemplate().queryForObject(
                    "select set_config('practice_scheduler.audit_rebuild', 'on', true)", String.class);
            jdbc.getJdbcTemplate().update("delete from audit_entry_patient");
            jdbc.getJdbcTemplate().update("delete from audit_entry");
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
