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
 */
@Revision("1")
public record AuditRecordedEvent(String auditId, String practiceId, String actor, List<String> roles, String action,
                                 String resourceType, String resourceId, List<String> patientIds,
                                 AuditOutcome outcome, String problem, String sourceIp, String correlationId) {

    public AuditRecordedEvent {
        roles = roles == null ? List.of() : List.copyOf(roles);
        patientIds = patientIds == null ? List.of() : List.copyOf(patientIds);
    }
}
