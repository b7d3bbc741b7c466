package com.practicescheduler.query.audit;

import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.platform.security.Sha256;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One row of the audit trail. {@link #hash(String)} is what chains the rows: the SHA-256 of the previous row's
 * hash and every field of this one, so changing any of them shows.
 */
record AuditEntry(String id, String practiceId, long chainSeq, Instant at, String actor, List<String> roles,
                  String action, String resourceType, String resourceId, List<String> patientIds,
                  AuditOutcome outcome, String problem, String sourceIp, String correlationId, int count) {

    /** The hash of the first entry's predecessor. */
    static final String GENESIS = "0".repeat(64);

    String hash(String previousHash) {
        StringBuilder content = new StringBuilder(previousHash);
        for (Object field : List.of(id, practiceId, chainSeq, at, text(actor), roles, action, text(resourceType),
                text(resourceId), patientIds, outcome, text(problem), text(sourceIp), text(correlationId))) {
            content.append('\u001f').append(field);
        }
        if (count != 1) {
            // only then: entries of one request hash as they did before repeated refusals were counted
            content.append('\u001f').append(count);
        }
        return Sha256.hex(content.toString().getBytes(StandardCharsets.UTF_8));
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    @Override
    public String toString() {
        return "AuditEntry[id=" + id + ", chainSeq=" + chainSeq + "]";
    }
}
