package com.practicescheduler.query.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.OutputStream;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The audit trail for compliance officers: search, verify the hash chain, export. Reading any of it is audited
 * too; a patient's history replayed from the event store is {@link PatientTimelineController}'s.
 */
@Tag(name = "Audit")
@RestController
@RequestMapping("/api/v1/audit")
@PreAuthorize("hasRole('COMPLIANCE_OFFICER')")
@Validated
class AuditQueryController {

    private final AuditTrail trail;
    private final PracticeProjection practices;
    private final AuditLog audit;
    private final ObjectMapper json;

    AuditQueryController(AuditTrail trail, PracticeProjection practices, AuditLog audit, ObjectMapper json) {
        this.trail = trail;
        this.practices = practices;
        this.audit = audit;
        this.json = json;
    }

    record EntryResponse(String id, OffsetDateTime at, String actor, List<String> roles, String action,
                         String resourceType, @Nullable String resourceId, @Nullable String patientId,
                         List<String> patientIds,
                         AuditOutcome outcome, @Nullable String problem, @Nullable String sourceIp,
                         @Nullable String correlationId, int count) {

        static EntryResponse of(AuditEntry e, String zone) {
            return new EntryResponse(e.id(), e.at().atZone(ZoneId.of(zone)).toOffsetDateTime(), e.actor(), e.roles(),
                    e.action(), e.resourceType(), e.resourceId(), e.patientIds().isEmpty() ? null
                    : e.patientIds().get(0), e.patientIds(), e.outcome(), e.problem(), e.sourceIp(),
                    e.correlationId(), e.count());
        }
    }

    record Page(List<EntryResponse> entries, @Nullable String nextCursor) {
    }

    /** Newest first; {@code from}/{@code to} are dates (the practice's days) or instants; {@code to} is exclusive. */
    @Operation(operationId = "searchAuditTrail", summary = "Search the audit trail, newest first")
    @GetMapping
    Page entries(Actor actor, @RequestParam(required = false) String patientId,
                 @RequestParam(name = "actor", required = false) String user,
                 @RequestParam(required = false) String action, @RequestParam(required = false) AuditOutcome outcome,
                 @RequestParam(required = false) String from, @RequestParam(required = false) String to,
                 @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit,
                 @RequestParam(required = false) String cursor) {
        String zone = practices.settings(actor.practiceId()).timeZone();
        List<AuditEntry> found = trail.page(new AuditTrail.Filter(actor.practiceId(), patientId, user, action,
                outcome, instant(from, zone, false), instant(to, zone, true), cursor(cursor)), limit + 1);
        List<AuditEntry> page = found.subList(0, Math.min(limit, found.size()));
        audit.read(actor, "ReadAuditTrail", "AuditTrail", null, patientId == null ? List.of() : List.of(patientId));
        String next = found.size() > limit ? Long.toString(page.get(page.size() - 1).chainSeq()) : null;
        return new Page(page.stream().map(e -> EntryResponse.of(e, zone)).toList(), next);
    }

    record VerifyResponse(boolean valid, long entriesChecked, @Nullable String firstBrokenEntryId,
                          @Nullable Long firstBrokenPosition) {
    }

    /** Recomputes the practice's hash chain from its first entry. */
    @Operation(operationId = "verifyAuditTrail", summary = "Verify the audit trail's hash chain")
    @GetMapping("/verify")
    VerifyResponse verify(Actor actor) {
        AuditTrail.Verification result = trail.verify(actor.practiceId());
        audit.read(actor, "VerifyAuditTrail", "AuditTrail", null, List.of());
        AuditEntry broken = result.firstBroken();
        return new VerifyResponse(result.valid(), result.entriesChecked(), broken == null ? null : broken.id(),
                broken == null ? null : broken.chainSeq());
    }

    /** One JSON entry per line, oldest first, streamed. */
    @Operation(operationId = "exportAuditTrail", summary = "Export the audit trail as NDJSON")
    @ApiResponse(responseCode = "200", description = "One entry per line, oldest first", content = @Content(
            mediaType = "application/x-ndjson", schema = @Schema(implementation = EntryResponse.class)))
    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(Actor actor, @RequestParam String from, @RequestParam String to) {
        String zone = practices.settings(actor.practiceId()).timeZone();
        Instant start = instant(from, zone, false);
        Instant end = instant(to, zone, true);
        if (!end.isAfter(start)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "'to' must be after 'from'");
        }
        audit.read(actor, "ExportAuditTrail", "AuditTrail", null, List.of());
        StreamingResponseBody body = (OutputStream out) -> trail.export(actor.practiceId(), start, end, entry -> {
            try {
                out.write(json.writeValueAsBytes(EntryResponse.of(entry, zone)));
                out.write('\n');
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("application/x-ndjson")).body(body);
    }

    private static Long cursor(String cursor) {
        if (cursor == null) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "Unknown cursor");
        }
    }

    /** A date (start of that day in the practice's zone; for an end, the start of the next) or an ISO instant. */
    private static Instant instant(String value, String zone, boolean end) {
        if (value == null) {
            return null;
        }
        try {
            if (value.length() == 10) {
                LocalDate date = LocalDate.parse(value);
                return (end ? date.plusDays(1) : date).atStartOfDay(ZoneId.of(zone)).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "'" + value + "' is neither a date nor an instant");
        }
    }
}
