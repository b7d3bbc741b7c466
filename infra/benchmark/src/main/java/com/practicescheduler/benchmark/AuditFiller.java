package com.practicescheduler.benchmark;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * A second practice whose audit trail holds millions of entries, for the audit query's target at 10 M entries.
 * Its rows are written straight into the audit read model with {@code COPY}, not through events: at the audit
 * projection's rate, 10 M events would take hours to project. The query reads only that table, so what it
 * measures is the same; but these rows exist in no event stream (a rebuild drops them), and their hash columns
 * are placeholders, so this practice's chain does not verify. Nothing else reads this practice.
 */
final class AuditFiller {

    /** Roughly how staff reads and writes name patients: most entries name one, calendars many, some none. */
    private static final String[] ACTIONS = {"ReadAppointment", "BookAppointment", "CancelAppointment",
        "ReadPatient", "ReadCalendar", "ReadWaitlist"};
    private static final int CALENDAR_PATIENTS = 10;
    private static final int CHUNK = 10_000;

    /** The filled practice: its id, a compliance officer's token, and the patients its entries name. */
    record Filled(String practiceId, String compliance, List<String> patientIds, long entries, double seconds) {
    }

    private AuditFiller() {
    }

    static Filled fill(Http http, DevelopmentKeys keys, String url, String user, String password, long entries,
                       int patients) throws Exception {
        long started = System.nanoTime();
        String practiceId = "benchmark-audit-" + UUID.randomUUID();
        Duration validity = Duration.ofHours(12);
        String admin = DevelopmentTokens.mint(keys, "benchmark-admin", practiceId, List.of(Role.PRACTICE_ADMIN),
                null, Instant.now(), validity);
        String compliance = DevelopmentTokens.mint(keys, "benchmark-compliance", practiceId,
                List.of(Role.COMPLIANCE_OFFICER), null, Instant.now(), validity);
        Http.expect(http.put(admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "slotMinutes", 15, "bookingHorizonDays", 180)), 200, "settings of the audit practice");
        // that command has its own audit entry: the filled entries continue the practice's chain after it
        Load.awaitCaughtUp(http, admin, 600);
        List<String> patientIds = new ArrayList<>();
        for (int i = 0; i < patients; i++) {
            patientIds.add(UUID.nameUUIDFromBytes((practiceId + "/" + i).getBytes(StandardCharsets.UTF_8))
                    .toString());
        }
        Random random = new Random(11);
        Instant first = Instant.now().minus(Duration.ofDays(365));
        long step = Duration.ofDays(365).toMillis() * 1000 / Math.max(1, entries); // microseconds apart
        String placeholderHash = "0".repeat(64);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            long firstSeq = lastChainSeq(connection, practiceId) + 1;
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy audit_entry (entry_id, practice_id, chain_seq, at, actor, roles, action, resource_type,
                        resource_id, patient_ids, outcome, source_ip, correlation_id, prev_hash, hash)
                    from stdin (format csv)""");
            try {
                StringBuilder rows = new StringBuilder();
                for (long seq = firstSeq; seq < firstSeq + entries; seq++) {
                    int kind = random.nextInt(10);
                    String action = kind < 7 ? ACTIONS[random.nextInt(4)] : kind < 9 ? "ReadCalendar" : "ReadWaitlist";
                    List<String> named = new ArrayList<>();
                    if (kind < 7) {
                        named.add(patientIds.get(random.nextInt(patients)));
                    } else if (kind < 9) {
                        for (int p = 0; p < CALENDAR_PATIENTS; p++) {
                            named.add(patientIds.get(random.nextInt(patients)));
                        }
                    }
                    rows.append(UUID.randomUUID()).append(',').append(practiceId).append(',').append(seq).append(',')
                            .append(first.plusNanos(seq * step * 1000)).append(",user-").append(random.nextInt(40))
                            .append(",\"[\"\"SCHEDULER\"\"]\",").append(action).append(",Appointment,")
                            .append(UUID.randomUUID()).append(",\"").append(jsonArray(named)).append("\",SUCCESS,")
                            .append("10.0.0.").append(random.nextInt(250)).append(',').append(UUID.randomUUID())
                            .append(',').append(placeholderHash).append(',').append(placeholderHash).append('\n');
                    if (seq % CHUNK == 0 || seq == firstSeq + entries - 1) {
                        byte[] bytes = rows.toString().getBytes(StandardCharsets.UTF_8);
                        copy.writeToCopy(bytes, 0, bytes.length);
                        rows.setLength(0);
                    }
                }
                copy.endCopy();
            } finally {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            }
            try (PreparedStatement named = connection.prepareStatement("""
                    insert into audit_entry_patient (practice_id, patient_id, chain_seq)
                    select distinct practice_id, patient.id, chain_seq
                    from audit_entry, jsonb_array_elements_text(patient_ids) as patient(id)
                    where practice_id = ? and chain_seq >= ?""")) {
                named.setString(1, practiceId);
                named.setLong(2, firstSeq);
                named.executeUpdate();
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute("analyze audit_entry");
                statement.execute("analyze audit_entry_patient");
            }
        }
        return new Filled(practiceId, compliance, List.copyOf(patientIds), entries,
                (System.nanoTime() - started) / 1e9);
    }

    private static long lastChainSeq(Connection connection, String practiceId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "select coalesce(max(chain_seq), 0) from audit_entry where practice_id = ?")) {
            query.setString(1, practiceId);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** A JSON array of ids, its quotes doubled for CSV. */
    private static String jsonArray(List<String> ids) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ids.size(); i++) {
            json.append(i == 0 ? "" : ",").append("\"\"").append(ids.get(i)).append("\"\"");
        }
        return json.append(']').toString();
    }
}
