package com.practicescheduler.query.waitlist;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.query.offer.OfferProjection;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Waitlist")
@RestController
@RequestMapping("/api/v1/waitlist")
@PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN','CLINICIAN','COMPLIANCE_OFFICER')")
class WaitlistQueryController {

    private final WaitlistProjection waitlist;
    private final OfferProjection offers;
    private final PracticeProjection practices;
    private final AuditLog audit;

    WaitlistQueryController(WaitlistProjection waitlist, OfferProjection offers, PracticeProjection practices,
                            AuditLog audit) {
        this.audit = audit;
        this.waitlist = waitlist;
        this.offers = offers;
        this.practices = practices;
    }

    record EntrySummary(String id, String patientId, String serviceId, WaitlistPriority priority,
                        WaitlistStatus status, @Nullable Integer rank, OffsetDateTime waitingSince) {
    }

    record Entries(List<EntrySummary> entries) {
    }

    /** Entries best-placed first; {@code limit} at most 500. */
    @Operation(operationId = "listWaitlistEntries", summary = "List waitlist entries, best-placed first")
    @GetMapping
    Entries entries(Actor actor, @RequestParam(required = false) WaitlistStatus status,
                    @RequestParam(defaultValue = "100") @Min(1) @Max(500) int limit) {
        String zone = practices.settings(actor.practiceId()).timeZone();
        List<WaitlistProjection.EntryView> found = waitlist.entries(actor.practiceId(), status, limit);
        audit.read(actor, "ReadWaitlist", "Waitlist", null,
                found.stream().map(WaitlistProjection.EntryView::patientId).toList());
        return new Entries(found.stream()
                .map(e -> new EntrySummary(e.id(), e.patientId(), e.serviceId(), e.priority(), e.status(), e.rank(),
                        ApiTimes.at(e.waitingSince(), zone)))
                .toList());
    }

    record Window(DayOfWeek dayOfWeek, @JsonFormat(pattern = "HH:mm") LocalTime start,
                  @JsonFormat(pattern = "HH:mm") LocalTime end) {
    }

    record OfferResponse(String id, String providerId, OffsetDateTime start, OffsetDateTime end,
                         OfferStatus status, OffsetDateTime expiresAt, OfferReason reason,
                         @Nullable String appointmentId, @Nullable String withdrawnBecause,
                         @Nullable String groupSessionId) {
    }

    record EntryDetail(String id, String patientId, String serviceId, List<String> providerIds,
                       List<Window> windows, @Nullable LocalDate notBefore, @Nullable LocalDate notAfter,
                       WaitlistPriority priority,
                       WaitlistStatus status, @Nullable Integer rank, OffsetDateTime waitingSince,
                       @Nullable String note,
                       List<OfferResponse> offers) {

        @Override
        public String toString() {
            return "EntryDetail[id=" + id + "]";
        }
    }

    @Operation(operationId = "getWaitlistEntry", summary = "Read a waitlist entry with its offers")
    @GetMapping("/{entryId}")
    EntryDetail entry(Actor actor, @PathVariable String entryId) {
        WaitlistProjection.EntryView e = waitlist.entry(actor.practiceId(), entryId)
                .orElseThrow(() -> Refusal.notFound("Waitlist entry " + entryId));
        String zone = practices.settings(actor.practiceId()).timeZone();
        audit.read(actor, "ReadWaitlistEntry", "WaitlistEntry", entryId, List.of(e.patientId()));
        return new EntryDetail(e.id(), e.patientId(), e.serviceId(), e.providerIds(),
                e.windows().stream().map(w -> new Window(w.dayOfWeek(), w.start(), w.end())).toList(),
                e.notBefore(), e.notAfter(), e.priority(), e.status(), e.rank(), ApiTimes.at(e.waitingSince(), zone),
                e.note(), offers.offers(entryId).stream()
                        .map(o -> new OfferResponse(o.id(), o.providerId(), ApiTimes.at(o.start(), zone),
                                ApiTimes.at(o.end(), zone), o.status(), ApiTimes.at(o.expiresAt(), zone), o.reason(),
                                o.appointmentId(), o.withdrawnBecause(), o.groupSessionId()))
                        .toList());
    }
}
