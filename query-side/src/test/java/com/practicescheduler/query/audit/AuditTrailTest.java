package com.practicescheduler.query.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.query.ProcessorBatch;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class AuditTrailTest {

    @RegisterExtension
    static final ReadModelDatabase DB = ReadModelDatabase.migrated();

    private AuditTrail trail;
    private final String practice = "practice-" + UUID.randomUUID();
    private final Instant start = Instant.parse("2026-11-23T12:00:00.123456789Z");

    @BeforeEach
    void trail() {
        trail = new AuditTrail(DB.named(), new BatchedWrites(DB.named()), DB.jdbc().getDataSource(), new ObjectMapper(),
                new TransactionTemplate(new DataSourceTransactionManager(DB.jdbc().getDataSource())));
    }

    @Test
    void entriesChainPerPracticeInOrderAndARepeatedEventIsRecordedOnce() {
        List<AuditRecordedEvent> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(entry(practice, "action-" + i));
            trail.on(events.get(i), start.plusSeconds(i));
        }
        trail.on(entry("another-practice-" + UUID.randomUUID(), "elsewhere"), start);
        trail.on(events.get(2), start.plusSeconds(2)); // delivered again after a crash

        assertThat(trail.page(new AuditTrail.Filter(practice, null, null, null, null, null, null, null), 10))
                .extracting(AuditEntry::action, AuditEntry::chainSeq)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("action-4", 5L),
                        org.assertj.core.groups.Tuple.tuple("action-3", 4L),
                        org.assertj.core.groups.Tuple.tuple("action-2", 3L),
                        org.assertj.core.groups.Tuple.tuple("action-1", 2L),
                        org.assertj.core.groups.Tuple.tuple("action-0", 1L));
        assertThat(trail.verify(practice)).isEqualTo(new AuditTrail.Verification(true, 5, null));
    }

    @Test
    void anEntryForRepeatedRefusalsKeepsItsCountAndAChangedCountBreaksTheChain() {
        trail.on(entry(practice, "GET /api/v1/calendar"), start);
        trail.on(new AuditRecordedEvent(UUID.randomUUID().toString(), practice, "user-1", List.of("ANALYST"),
                "GET /api/v1/patients/p-1", "Route", null, List.of(), AuditOutcome.DENIED, "forbidden", "10.0.0.9",
                null, 57), start.plusSeconds(60));

        assertThat(trail.page(new AuditTrail.Filter(practice, null, null, null, null, null, null, null), 10))
                .extracting(AuditEntry::count).containsExactly(57, 1);
        assertThat(trail.verify(practice).valid()).isTrue();

        DB.jdbc().execute("alter table audit_entry disable trigger audit_entry_append_only");
        try {
            DB.jdbc().update("update audit_entry set count = 5 where practice_id = ? and chain_seq = 2", practice);
        } finally {
            DB.jdbc().execute("alter table audit_entry enable trigger audit_entry_append_only");
        }
        assertThat(trail.verify(practice).firstBroken().chainSeq()).isEqualTo(2);
    }

    @Test
    void anEntryOfOneRequestHashesAsBeforeCountsExisted() {
        AuditEntry entry = new AuditEntry("entry-1", practice, 1, start, "user-1", List.of("SCHEDULER"), "Book",
                "Appointment", "a-1", List.of("p-1"), AuditOutcome.SUCCESS, null, "10.0.0.1", "c-1", 1);
        StringBuilder before = new StringBuilder(AuditEntry.GENESIS);
        for (Object field : List.of("entry-1", practice, 1L, start, "user-1", List.of("SCHEDULER"), "Book",
                "Appointment", "a-1", List.of("p-1"), AuditOutcome.SUCCESS, "", "10.0.0.1", "c-1")) {
            before.append('\u001f').append(field);
        }

        assertThat(entry.hash(AuditEntry.GENESIS)).isEqualTo(sha256(before.toString()));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void verificationNamesTheFirstEntryWhoseContentOrLinkChanged() {
        for (int i = 0; i < 4; i++) {
            trail.on(entry(practice, "action-" + i), start.plusSeconds(i));
        }
        DB.jdbc().execute("alter table audit_entry disable trigger audit_entry_append_only");
        try {
            DB.jdbc().update("update audit_entry set outcome = 'SUCCESS', problem = null"
                    + " where practice_id = ? and chain_seq = 3", practice);
        } finally {
            DB.jdbc().execute("alter table audit_entry enable trigger audit_entry_append_only");
        }

        AuditTrail.Verification verification = trail.verify(practice);

        assertThat(verification.valid()).isFalse();
        assertThat(verification.firstBroken().chainSeq()).isEqualTo(3);
    }

    @Test
    void theTableRefusesChangesExceptTheRebuildsOwnReset() {
        trail.on(entry(practice, "action"), start);

        assertThatThrownBy(() -> DB.jdbc().update("update audit_entry set actor = 'x' where practice_id = ?",
                practice)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> DB.jdbc().update("delete from audit_entry where practice_id = ?", practice))
                .hasMessageContaining("append-only");
        assertThatThrownBy(() -> DB.jdbc().execute("truncate audit_entry")).hasMessageContaining("append-only");

        trail.reset();

        assertThat(DB.count("audit_entry")).isZero();
    }

    @Test
    void onePatientsEntriesComeNewestFirstAPageAtATimeWithTheOtherFilters() {
        trail.on(named(practice, "ReadCalendar", List.of("patient-a", "patient-b", "patient-a")), start);
        trail.on(named(practice, "BookAppointment", List.of("patient-b")), start.plusSeconds(1));
        trail.on(named(practice, "ReadPatient", List.of("patient-a")), start.plusSeconds(2));
        trail.on(named(practice, "ReadWaitlist", List.of()), start.plusSeconds(3));
        trail.on(named(practice, "ReadPatient", List.of("patient-a")), start.plusSeconds(4));
        trail.on(named("another-practice-" + UUID.randomUUID(), "ReadPatient", List.of("patient-a")), start);

        assertThat(trail.page(patient("patient-a", null, null), 10)).extracting(AuditEntry::chainSeq)
                .containsExactly(5L, 3L, 1L);
        assertThat(trail.page(patient("patient-a", null, null), 2)).extracting(AuditEntry::chainSeq)
                .containsExactly(5L, 3L);
        assertThat(trail.page(patient("patient-a", null, 3L), 2)).extracting(AuditEntry::chainSeq)
                .containsExactly(1L);
        assertThat(trail.page(patient("patient-a", "ReadPatient", null), 10)).extracting(AuditEntry::chainSeq)
                .containsExactly(5L, 3L);
        assertThat(trail.page(patient("patient-b", null, null), 10)).extracting(AuditEntry::chainSeq)
                .containsExactly(2L, 1L);
        assertThat(trail.page(patient("patient-c", null, null), 10)).isEmpty();
        assertThat(DB.jdbc().queryForObject("select count(*) from audit_entry_patient where practice_id = ?",
                Long.class, practice)).isEqualTo(5);
    }

    @Test
    void whoIsNamedWhereIsAppendOnlyLikeTheTrailAndARebuildEmptiesIt() {
        trail.on(named(practice, "ReadPatient", List.of("patient-a")), start);

        assertThatThrownBy(() -> DB.jdbc().update("delete from audit_entry_patient where practice_id = ?",
                practice)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> DB.jdbc().update("update audit_entry_patient set patient_id = 'x'"
                + " where practice_id = ?", practice)).hasMessageContaining("append-only");
        assertThatThrownBy(() -> DB.jdbc().execute("truncate audit_entry_patient"))
                .hasMessageContaining("append-only");

        trail.reset();

        assertThat(DB.count("audit_entry_patient")).isZero();
        assertThat(trail.page(patient("patient-a", null, null), 10)).isEmpty();
    }

    /**
     * A rebuild or catch-up appends a batch of entries at once, the head of each chain read once per batch: the
     * chains, hashes included, are those of the entries one at a time, with entries delivered again left out.
     */
    @Test
    void batchesOfEntriesChainExactlyAsTheEntriesOneAtATime() {
        trail.reset();
        String other = "another-practice-" + UUID.randomUUID();
        AuditRecordedEvent again = named(practice, "ReadCalendar", List.of("patient-a", "patient-b", "patient-a"));
        List<AuditRecordedEvent> entries = List.of(entry(practice, "action-0"), entry(other, "elsewhere-0"), again,
                entry(null, "GET /api/v1/calendar"), entry(practice, "action-1"), again, entry(other, "elsewhere-1"),
                named(practice, "ReadPatient", List.of("patient-a")), again, entry(null, "GET /api/v1/patients"));
        List<java.util.function.Consumer<AuditTrail>> history = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            AuditRecordedEvent entry = entries.get(i);
            Instant at = start.plusSeconds(i);
            history.add(t -> t.on(entry, at));
        }
        history.forEach(event -> event.accept(trail));
        List<String> chains = DB.rows("audit_entry");
        List<String> patients = DB.rows("audit_entry_patient");
        trail.reset();

        ProcessorBatch.run(trail, history.subList(0, 5));
        ProcessorBatch.run(trail, history.subList(5, history.size()));

        assertThat(DB.rows("audit_entry")).isEqualTo(chains).hasSize(8);
        assertThat(DB.rows("audit_entry_patient")).isEqualTo(patients);
        assertThat(trail.verify(practice)).isEqualTo(new AuditTrail.Verification(true, 4, null));
        assertThat(trail.verify(AuditTrail.NO_PRACTICE).valid()).isTrue();
    }

    private AuditTrail.Filter patient(String patientId, String action, Long before) {
        return new AuditTrail.Filter(practice, patientId, null, action, null, null, null, before);
    }

    private static AuditRecordedEvent named(String practiceId, String action, List<String> patientIds) {
        return new AuditRecordedEvent(UUID.randomUUID().toString(), practiceId, "user-1", List.of("SCHEDULER"),
                action, "Appointment", "appointment-1", patientIds, AuditOutcome.SUCCESS, null, "10.0.0.1",
                "request-1");
    }

    private static AuditRecordedEvent entry(String practiceId, String action) {
        return new AuditRecordedEvent(UUID.randomUUID().toString(), practiceId, "user-1", List.of("SCHEDULER"),
                action, "Appointment", "appointment-1", List.of("patient-1"), AuditOutcome.REJECTED,
                "slot-unavailable", "10.0.0.1", "request-1");
    }
}
