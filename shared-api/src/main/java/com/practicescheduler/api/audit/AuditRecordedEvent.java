package com.practicescheduler.api.audit;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * One audit entry: who did or saw what, with what outcome. Recorded in the event store — a successful command's
 * entry in the same unit of work as its events — so the audit trail is as durable as what it records and can be
 * rebuilt from the events. Its time is the event's timestamp.
 *
 * @param auditId       unique per entry
 * @param practiceId    the tenant, or null when the request carried no valid token
 * @param actor         the user id ({@code sub}), {@code system} for the system's own actions, or null if unknown
 * @param action        what was done, e.g. {@code BookAppointment}, {@code ReadCalendar}, {@code GET /api/v1/audit}
 * @param resourceType  the kind of thing acted on or read, e.g. {@code Appointment}
 * @param resourceId    its id, when there is one
 * @param patientIds    the patients concerned (for reads: whose data was returned)
 * @param problem       for a refusal, the problem slug
 * @param correlationId ties the entry to the request (or, for system actions, to what triggered them)
 * @param count         how many requests the entry stands for: 1, or more for repeated refusals from one source
 *                      in one window, recorded as one entry (absent in entries recorded before it existed: 1)
 */
@Revision("1")
public record AuditRecordedEvent(String auditId, String practiceId, String actor, List<String> roles, String action,
                                 String resourceType, String resourceId, List<String> patientIds,
                                 AuditOutcome outcome, String problem, String sourceIp, String correlationId,
                                 int count) {

    /** The longest id (audit, practice, patient, correlation), role, resource type, problem slug or address kept. */
    public static final int SHORT = 64;
    /** The longest actor, action or resource id kept. */
    public static final int LONG = 200;

    /**
     * Every text is bounded and holds no NUL, whatever its source: paths, ids that match nothing and headers of
     * requests without a token end up here, and an entry the audit trail could not store would stop it. A longer
     * text is cut and ends with "…".
     */
    public AuditRecordedEvent {
        auditId = bounded(auditId, SHORT);
        practiceId = bounded(practiceId, SHORT);
        actor = bounded(actor, LONG);
        roles = roles == null ? List.of() : roles.stream().map(role -> bounded(role, SHORT)).toList();
        action = bounded(action, LONG);
        resourceType = bounded(resourceType, SHORT);
        resourceId = bounded(resourceId, LONG);
        patientIds = patientIds == null ? List.of()
                : patientIds.stream().map(patient -> bounded(patient, SHORT)).toList();
        problem = bounded(problem, SHORT);
        sourceIp = bounded(sourceIp, SHORT);
        correlationId = bounded(correlationId, SHORT);
        count = Math.max(count, 1);
    }

    /** An entry that stands for one request or action. */
    public AuditRecordedEvent(String auditId, String practiceId, String actor, List<String> roles, String action,
                              String resourceType, String resourceId, List<String> patientIds,
                              AuditOutcome outcome, String problem, String sourceIp, String correlationId) {
        this(auditId, practiceId, actor, roles, action, resourceType, resourceId, patientIds, outcome, problem,
                sourceIp, correlationId, 1);
    }

    /** {@code text} without NUL, at most {@code max} characters (cut ones end with "…"), never a half surrogate. */
    static String bounded(String text, int max) {
        if (text == null) {
            return null;
        }
        String clean = text.indexOf('\u0000') < 0 ? text : text.replace('\u0000', '\ufffd');
        if (clean.length() <= max) {
            return clean;
        }
        int end = max - 1;
        if (Character.isHighSurrogate(clean.charAt(end - 1))) {
            end--;
        }
        return clean.substring(0, end) + "\u2026";
    }
}
