package com.practicescheduler.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.audit.AuditMetadata;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A patient's history for compliance officers, replayed from the event store; reading it is audited. */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit/patients/{patientId}/timeline")
@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
class PatientTimelineController {

    private final PatientTimeline timeline;
    private final PracticeProjection practices;
    private final AuditLog audit;
    private final ObjectMapper json;

    PatientTimelineController(PatientTimeline timeline, PracticeProjection practices, AuditLog audit,
                              ObjectMapper json) {
        this.timeline = timeline;
        this.practices = practices;
        this.audit = audit;
        this.json = json;
    }

    record TimelineEvent(OffsetDateTime at, String type, String aggregateId, long sequence, @Nullable String actor,
                         @Nullable String correlationId, JsonNode payload) {
    }

    record Timeline(String patientId, List<TimelineEvent> events) {
    }

    /** Every event about the patient, replayed from the event store in the order it happened. */
    @Operation(operationId = "getPatientTimeline", summary = "Replay every event about a patient")
    @GetMapping
    Timeline timeline(Actor actor, @PathVariable String patientId) {
        List<DomainEventMessage<?>> events = timeline.events(actor.practiceId(), patientId);
        if (events.isEmpty()) {
            throw Refusal.notFound("Patient " + patientId);
        }
        String zone = practices.settings(actor.practiceId()).timeZone();
        audit.read(actor, "ReadPatientTimeline", "Patient", patientId, List.of(patientId));
        return new Timeline(patientId, events.stream()
                .map(e -> new TimelineEvent(e.getTimestamp().atZone(ZoneId.of(zone)).toOffsetDateTime(),
                        e.getPayloadType().getSimpleName(), e.getAggregateIdentifier(), e.getSequenceNumber(),
                        text(e.getMetaData().get(AuditMetadata.ACTOR)),
                        text(e.getMetaData().get(AuditMetadata.CORRELATION_ID)), json.valueToTree(e.getPayload())))
                .toList());
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
