package com.practicescheduler.query.notification;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.practice.NotificationSettings;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.query.patient.PatientRecords;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The practice's notification settings (every role reads them) and a patient's messages (PHI: audited). */
@Tag(name = "Notifications")
@RestController
class NotificationQueryController {

    private final NotificationSettingsProjection settings;
    private final MessageLedger ledger;
    private final PatientRecords patients;
    private final PracticeProjection practices;
    private final AuditLog audit;

    NotificationQueryController(NotificationSettingsProjection settings, MessageLedger ledger,
                                PatientRecords patients, PracticeProjection practices, AuditLog audit) {
        this.settings = settings;
        this.ledger = ledger;
        this.patients = patients;
        this.practices = practices;
        this.audit = audit;
    }

    record QuietHoursResponse(@JsonFormat(pattern = "HH:mm") LocalTime start,
                              @JsonFormat(pattern = "HH:mm") LocalTime end) {
    }

    /** Reminder offsets as ISO-8601 durations, whole days as {@code P2D}. */
    record NotificationsResponse(List<String> reminders, @Nullable QuietHoursResponse quietHours,
                                 boolean includeServiceName, @Nullable String practiceName, boolean confirmations,
                                 boolean cancellations) {

        static NotificationsResponse of(NotificationSettings s) {
            return new NotificationsResponse(s.reminders().stream().map(NotificationsResponse::iso).toList(),
                    s.quietHours() == null ? null
                            : new QuietHoursResponse(s.quietHours().start(), s.quietHours().end()),
                    s.includeServiceName(), s.practiceName(), s.confirmations(), s.cancellations());
        }

        private static String iso(Duration d) {
            return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
        }
    }

    /**
     * A message to the patient. {@code reason} says why one failed or was cancelled; text and address are never
     * shown here (they are made when it is sent and kept nowhere).
     */
    record MessageResponse(String id, String kind, String channel, String status, OffsetDateTime scheduledFor,
                           @Nullable OffsetDateTime sentAt, @Nullable String appointmentId, @Nullable String offerId,
                           @Nullable String reason) {
    }

    record Messages(List<MessageResponse> messages) {
    }

    @Operation(operationId = "getNotificationSettings", summary = "Read what the practice sends its patients")
    @GetMapping("/api/v1/practice/notifications")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
    NotificationsResponse notifications(Actor actor) {
        return NotificationsResponse.of(settings.settings(actor.practiceId()));
    }

    @Operation(operationId = "getPatientMessages", summary = "Read the messages sent or planned for a patient")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping("/api/v1/patients/{patientId}/messages")
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER')")
    Messages messages(Actor actor, @PathVariable String patientId) {
        patients.requireReadable(actor, patientId);
        String zone = practices.settings(actor.practiceId()).timeZone();
        List<MessageResponse> messages = ledger.ofPatient(actor.practiceId(), patientId).stream()
                .map(e -> new MessageResponse(e.message().id(), e.message().kind().name(),
                        e.message().channel().name(),
                        e.status() == MessageLedger.Status.SENDING ? "SCHEDULED" : e.status().name(),
                        ApiTimes.at(e.message().scheduledFor(), zone),
                        e.sentAt() == null ? null : ApiTimes.at(e.sentAt(), zone), e.message().appointmentId(),
                        e.message().offerId(), e.reason()))
                .toList();
        audit.read(actor, "ReadPatientMessages", "Patient", patientId, List.of(patientId));
        return new Messages(messages);
    }
}
