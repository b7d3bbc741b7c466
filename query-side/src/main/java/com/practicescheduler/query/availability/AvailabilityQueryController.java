package com.practicescheduler.query.availability;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.DateRanges;
import com.practicescheduler.query.groupsession.GroupSessionProjection;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import com.practicescheduler.query.readmodel.OneMoment;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Free slots for a service: working hours minus time off, appointments and group sessions with their buffers, and
 * live holds. For a group service, the sessions that still have a seat instead.
 */
@Tag(name = "Availability")
@RestController
@RequestMapping("/api/v1/availability")
class AvailabilityQueryController {

    static final int MAX_AVAILABILITY_DAYS = 62;
    static final int MAX_PROVIDER_FILTER = 100;

    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final GroupSessionProjection sessions;
    private final FreeSlots freeSlots;
    private final OneMoment oneMoment;
    private final Clock clock;

    AvailabilityQueryController(PracticeProjection practices, ProviderProjection providers,
                                GroupSessionProjection sessions, FreeSlots freeSlots, OneMoment oneMoment,
                                Clock clock) {
        this.practices = practices;
        this.providers = providers;
        this.sessions = sessions;
        this.freeSlots = freeSlots;
        this.oneMoment = oneMoment;
        this.clock = clock;
    }

    /**
     * A free slot; {@code start} and {@code end} are ISO-8601 with the practice's offset, written once per distinct
     * instant of an answer (thousands of slots share a few hundred instants), exactly as Jackson writes an
     * {@code OffsetDateTime}. For a group service, a session with seats left: its id and how many.
     */
    record SlotResponse(String providerId, @Schema(format = "date-time") String start,
                        @Schema(format = "date-time") String end,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String groupSessionId,
                        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Integer seatsLeft) {

        SlotResponse(String providerId, String start, String end) {
            this(providerId, start, end, null, null);
        }
    }

    record Availability(List<SlotResponse> slots) {
    }

    @Operation(operationId = "findAvailableSlots", summary = "Free slots for a service")
    @Refuses({ErrorCode.NOT_FOUND})
    @GetMapping
    @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','ANALYST')")
    Availability availability(Actor actor, @RequestParam String serviceId, @RequestParam LocalDate from,
                              @RequestParam LocalDate to,
                              @RequestParam(name = "providerId", required = false) List<String> providerIds) {
        DateRanges.check(from, to, MAX_AVAILABILITY_DAYS);
        if (providerIds != null && providerIds.size() > MAX_PROVIDER_FILTER) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "At most " + MAX_PROVIDER_FILTER + " providerId values");
        }
        // the practice's zone decides which instants the working hours are: read with the rest, from one moment
        return oneMoment.read(() -> freeSlots(actor, serviceId, from, to, providerIds));
    }

    private Availability freeSlots(Actor actor, String serviceId, LocalDate from, LocalDate to,
                                   @Nullable List<String> providerIds) {
        PracticeSettings settings = practices.settings(actor.practiceId());
        PracticeProjection.ServiceView service = practices.service(actor.practiceId(), serviceId)
                .orElseThrow(() -> Refusal.notFound("Service " + serviceId));
        List<ProviderProjection.ProviderView> candidates = providerIds == null || providerIds.isEmpty()
                ? providers.providers(actor.practiceId())
                : providerIds.stream().distinct().map(id -> providers.require(actor.practiceId(), id)).toList();
        candidates = candidates.stream().filter(p -> p.offers(serviceId)).toList();

        ZoneId zone = ZoneId.of(settings.timeZone());
        Instant start = from.atStartOfDay(zone).toInstant();
        Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
        List<String> ids = candidates.stream().map(ProviderProjection.ProviderView::id).toList();
        if (service.group()) {
            return sessionsWithSeatsLeft(actor.practiceId(), serviceId, ids, start, end, zone);
        }
        Map<Instant, String> written = new HashMap<>();
        Function<Instant, String> at = instant -> written.computeIfAbsent(instant,
                i -> DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(i.atZone(zone).toOffsetDateTime()));
        List<SlotResponse> slots = freeSlots.slots(settings, service, candidates, from, to).stream()
                .map(s -> new SlotResponse(s.providerId(), at.apply(s.start()), at.apply(s.end())))
                .toList();
        return new Availability(slots);
    }

    /** A group service is booked by taking a seat: its sessions ahead that still have one. */
    private Availability sessionsWithSeatsLeft(String practiceId, String serviceId, List<String> providerIds,
                                               Instant from, Instant to, ZoneId zone) {
        Instant now = clock.instant();
        Instant after = now.isAfter(from) ? now : from;
        return new Availability(sessions.withSeatsLeft(practiceId, serviceId, providerIds, after, to).stream()
                .map(s -> new SlotResponse(s.providerId(), at(s.start(), zone), at(s.end(), zone), s.id(),
                        s.seatsLeft()))
                .toList());
    }

    private static String at(Instant instant, ZoneId zone) {
        return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(instant.atZone(zone).toOffsetDateTime());
    }
}
