package com.practicescheduler.command.appointment;

import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.series.BookSeriesCommand;
import com.practicescheduler.api.series.CancelSeriesCommand;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesOnConflict;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SeriesSummary;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Sha256;
import com.practicescheduler.platform.web.ApiTimes;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Recurring series: preview, book, cancel from a date. Each occurrence is an ordinary appointment. */
@Tag(name = "Appointment series")
@RestController
@RequestMapping("/api/v1/appointment-series")
class SeriesCommandController {

    private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;
    /** The farthest {@code until} accepted, from the start: occurrences past the horizon are refused anyway. */
    private static final int MAX_UNTIL_YEARS = 5;
    /** Starts outside these years are no one's appointment (and would overflow the calendar arithmetic). */
    private static final int MIN_YEAR = 1900;
    private static final int MAX_YEAR = 9999;

    private final CommandSender commands;
    private final SeriesPreview previews;
    private final AuditLog audit;

    SeriesCommandController(CommandSender commands, SeriesPreview previews, AuditLog audit) {
        this.commands = commands;
        this.previews = previews;
        this.audit = audit;
    }

    /**
     * @param everyWeeks every how many weeks (default 1)
     * @param daysOfWeek the weekdays of each such week (default: the start's)
     * @param count      ends after this many occurrences
     * @param until      ends on this local date (inclusive); neither: open-ended
     */
    record RecurrenceRequest(@Min(1) @Max(52) Integer everyWeeks, @Size(max = 7) List<@NotNull DayOfWeek> daysOfWeek,
                             @Min(1) @Max(104) Integer count, LocalDate until) {

        Recurrence recurrence() {
            return new Recurrence(everyWeeks == null ? 1 : everyWeeks,
                    daysOfWeek == null ? List.of() : List.copyOf(new TreeSet<>(daysOfWeek)), count, until);
        }
    }

    record SeriesRequest(@NotBlank @Size(max = 64) String patientId,
                         @NotBlank @Size(max = 64) String providerId,
                         @NotBlank @Size(max = 64) String serviceId,
                         @NotNull OffsetDateTime start,
                         @NotNull @Valid RecurrenceRequest recurrence,
                         @Nullable SeriesOnConflict onConflict) {

        Recurrence checkedRecurrence() {
            Recurrence recurrence = recurrence().recurrence();
            LocalDate first = start.toLocalDate();
            if (first.getYear() < MIN_YEAR || first.getYear() > MAX_YEAR) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED,
                        "start must be in the years " + MIN_YEAR + " to " + MAX_YEAR);
            }
            if (recurrence.until() != null && (recurrence.until().isBefore(first.minusDays(1))
                    || recurrence.until().isAfter(first.plusYears(MAX_UNTIL_YEARS)))) {
                throw new Refusal(ErrorCode.VALIDATION_FAILED,
                        "until must be on or after the start's date and at most " + MAX_UNTIL_YEARS + " years on");
            }
            return recurrence;
        }
    }

    record SeriesSlot(OffsetDateTime start, OffsetDateTime end) {
    }

    record PreviewedOccurrence(OffsetDateTime start, OffsetDateTime end, boolean available,
                               @Nullable String problem, List<SeriesSlot> alternatives) {
    }

    record SeriesPreviewResponse(List<PreviewedOccurrence> occurrences) {
    }

    @Operation(operationId = "previewAppointmentSeries",
            summary = "Check each occurrence of a series, with alternatives for those that cannot be booked")
    @Refuses({ErrorCode.NOT_FOUND})
    @PostMapping("/preview")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    SeriesPreviewResponse preview(Actor actor, @Valid @RequestBody SeriesRequest request) {
        SeriesPreview.Previewed previewed = previews.preview(actor.practiceId(), request.patientId(),
                request.providerId(), request.serviceId(), request.start().toInstant(), request.checkedRecurrence());
        audit.read(actor, "PreviewAppointmentSeries", "Provider", request.providerId(),
                List.of(request.patientId()));
        String zone = previewed.timeZone();
        return new SeriesPreviewResponse(previewed.occurrences().stream().map(o -> new PreviewedOccurrence(
                ApiTimes.at(o.start(), zone), ApiTimes.at(o.end(), zone), o.problem() == null,
                o.problem() == null ? null : o.problem().slug(), o.alternatives().stream()
                .map(slot -> new SeriesSlot(ApiTimes.at(slot.start(), zone), ApiTimes.at(slot.end(), zone)))
                .toList())).toList());
    }

    record SeriesAppointmentResponse(String id, OffsetDateTime start, OffsetDateTime end, AppointmentStatus status) {
    }

    record SkippedResponse(OffsetDateTime start, String problem) {
    }

    record SeriesResponse(String id, SeriesStatus status, List<SeriesAppointmentResponse> appointments,
                          List<SkippedResponse> skipped) {

        static SeriesResponse of(SeriesSummary summary) {
            String zone = summary.timeZone();
            return new SeriesResponse(summary.seriesId(), summary.status(), summary.appointments().stream()
                    .map(a -> new SeriesAppointmentResponse(a.appointmentId(), ApiTimes.at(a.start(), zone),
                            ApiTimes.at(a.end(), zone), a.status())).toList(),
                    summary.skipped().stream().map(s -> new SkippedResponse(ApiTimes.at(s.start(), zone),
                            s.problem())).toList());
        }
    }

    /**
     * Books a series. With an {@code Idempotency-Key}, the series' id is derived from the practice and the key, so a
     * repeat finds the first series in the event store — on any node — and gets the first answer again.
     */
    @Operation(operationId = "bookAppointmentSeries", summary = "Book a recurring series of appointments")
    @ApiResponse(responseCode = "201",
            description = "Booked (or, for a repeated Idempotency-Key, the first answer again)")
    @Refuses({ErrorCode.NOT_FOUND, ErrorCode.SERIES_CONFLICTS, ErrorCode.IDEMPOTENCY_KEY_REUSED,
            ErrorCode.CONCURRENT_MODIFICATION})
    @PostMapping
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    ResponseEntity<SeriesResponse> book(Actor actor, @Valid @RequestBody SeriesRequest request,
                                        @RequestHeader(name = "Idempotency-Key", required = false)
                                        String idempotencyKey) {
        Recurrence recurrence = request.checkedRecurrence();
        SeriesOnConflict onConflict = request.onConflict() == null ? SeriesOnConflict.REJECT : request.onConflict();
        String seriesId = seriesId(actor.practiceId(), idempotencyKey);
        SeriesSummary booked = commands.send(new BookSeriesCommand(seriesId, actor.practiceId(), request.patientId(),
                request.providerId(), request.serviceId(), request.start().toInstant(), recurrence, onConflict,
                idempotencyKey == null ? null : fingerprint(request, recurrence, onConflict)));
        return ResponseEntity.created(URI.create("/api/v1/appointment-series/" + booked.seriesId()))
                .body(SeriesResponse.of(booked));
    }

    private static String seriesId(String practiceId, String idempotencyKey) {
        if (idempotencyKey == null) {
            return Ids.next();
        }
        if (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "Idempotency-Key must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        // not the id a single booking with the same key gets: a key names one request, of either kind
        String scoped = "series-idempotency-key\n" + practiceId + "\n" + idempotencyKey;
        return UUID.nameUUIDFromBytes(scoped.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String fingerprint(SeriesRequest request, Recurrence recurrence, SeriesOnConflict onConflict) {
        String canonical = String.join("\n", request.patientId(), request.providerId(), request.serviceId(),
                request.start().toInstant().toString(), String.valueOf(recurrence.everyWeeks()),
                recurrence.daysOfWeek().toString(), String.valueOf(recurrence.count()),
                String.valueOf(recurrence.until()), onConflict.name());
        return Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /** @param from the first local date whose occurrences are cancelled; default: every future occurrence */
    record SeriesCancelRequest(@NotNull CancellationReason reason, LocalDate from) {

        @AssertTrue(message = "from must be in the years 1900 to 9999")
        boolean isFromInRange() {
            return from == null || (from.getYear() >= MIN_YEAR && from.getYear() <= MAX_YEAR);
        }
    }

    @Operation(operationId = "cancelAppointmentSeries",
            summary = "Cancel a series' occurrences from a date on, and end the series")
    @Refuses({ErrorCode.INVALID_TRANSITION})
    @PostMapping("/{seriesId}/cancel")
    @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
    SeriesResponse cancel(Actor actor, @PathVariable String seriesId, @Valid @RequestBody SeriesCancelRequest request) {
        return SeriesResponse.of(commands.send(new CancelSeriesCommand(seriesId, actor.practiceId(),
                request.reason(), request.from())));
    }
}
