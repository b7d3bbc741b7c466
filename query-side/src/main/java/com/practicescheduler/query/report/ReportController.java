package com.practicescheduler.query.report;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.DateRanges;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The de-identified reports for practice administrators, compliance officers and analysts: JSON, or CSV with
 * {@code ?format=csv}. A report names providers by id and never a patient; who read which report is
 * still recorded in the audit trail.
 */
@Tag(name = "Reports")
@RestController
@RequestMapping("/api/v1/reports")
@PreAuthorize("hasAnyRole('PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
class ReportController {

    static final int MAX_DAYS = 366;
    static final MediaType CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final Reports reports;
    private final AuditLog audit;

    ReportController(Reports reports, AuditLog audit) {
        this.reports = reports;
        this.audit = audit;
    }

    @Operation(operationId = "getUtilizationReport", summary = "Utilization per provider")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = UtilizationReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/utilization")
    ResponseEntity<?> utilization(Actor actor, @RequestParam LocalDate from, @RequestParam LocalDate to,
                                  @RequestParam(required = false) String format) {
        return answer(actor, "utilization", from, to, format, reports::utilization, UtilizationReport::csv);
    }

    @Operation(operationId = "getNoShowReport", summary = "No-shows and late cancellations per provider")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = AttendanceReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/no-shows")
    ResponseEntity<?> attendance(Actor actor, @RequestParam LocalDate from, @RequestParam LocalDate to,
                                 @RequestParam(required = false) String format) {
        return answer(actor, "no-shows", from, to, format, reports::attendance, AttendanceReport::csv);
    }

    @Operation(operationId = "getWaitlistReport", summary = "Waitlist figures per provider")
    @ApiResponse(responseCode = "200", description = "The report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = WaitlistReport.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @GetMapping("/waitlist")
    ResponseEntity<?> waitlist(Actor actor, @RequestParam LocalDate from, @RequestParam LocalDate to,
                               @RequestParam(required = false) String format) {
        return answer(actor, "waitlist", from, to, format, reports::waitlist, WaitlistReport::csv);
    }

    /** How a report is computed for a practice and range. */
    interface Report<R> {
        R compute(String practiceId, LocalDate from, LocalDate to);
    }

    private <R> ResponseEntity<?> answer(Actor actor, String name, LocalDate from, LocalDate to, String format,
                                         Report<R> report, Function<R, String> csv) {
        boolean asCsv = csv(format);
        DateRanges.check(from, to, MAX_DAYS);
        R figures = report.compute(actor.practiceId(), from, to);
        audit.read(actor, "ReadReport", "Report", name, List.of());
        if (!asCsv) {
            return ResponseEntity.ok(figures);
        }
        return ResponseEntity.ok()
                .contentType(CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(name + "-" + from + "-" + to + ".csv").build().toString())
                .body(csv.apply(figures));
    }

    /** Whether {@code format} asks for CSV; JSON when absent. */
    private static boolean csv(String format) {
        if (format == null || format.equalsIgnoreCase("json")) {
            return false;
        }
        if (format.toLowerCase(Locale.ROOT).equals("csv")) {
            return true;
        }
        throw new Refusal(ErrorCode.VALIDATION_FAILED, "format must be json or csv");
    }
}
