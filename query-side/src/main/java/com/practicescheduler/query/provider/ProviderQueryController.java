package com.practicescheduler.query.provider;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.web.ApiTimes;
import com.practicescheduler.query.practice.PracticeProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Providers with their services and working hours, and their time off. */
@Tag(name = "Providers")
@RestController
@RequestMapping("/api/v1/providers")
@PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
class ProviderQueryController {

    private final PracticeProjection practices;
    private final ProviderProjection providers;

    ProviderQueryController(PracticeProjection practices, ProviderProjection providers) {
        this.practices = practices;
        this.providers = providers;
    }

    /** One interval of working hours, with local times as the contract writes them ("09:00"). */
    record WeeklyHours(DayOfWeek dayOfWeek, @JsonFormat(pattern = "HH:mm") LocalTime start,
                       @JsonFormat(pattern = "HH:mm") LocalTime end) {

        static List<WeeklyHours> of(List<WeeklyInterval> weekly) {
            return weekly.stream().map(i -> new WeeklyHours(i.dayOfWeek(), i.start(), i.end())).toList();
        }
    }

    record ProviderResponse(String id, String displayName, List<String> serviceIds, List<WeeklyHours> weekly) {

        static ProviderResponse of(ProviderProjection.ProviderView view) {
            return new ProviderResponse(view.id(), view.displayName(), view.serviceIds(),
                    WeeklyHours.of(view.weekly()));
        }
    }

    record Providers(List<ProviderResponse> providers) {
    }

    @Operation(operationId = "listProviders", summary = "List the providers")
    @GetMapping
    Providers providers(Actor actor) {
        return new Providers(providers.providers(actor.practiceId()).stream().map(ProviderResponse::of).toList());
    }

    @Operation(operationId = "getProvider", summary = "Read a provider")
    @GetMapping("/{providerId}")
    ProviderResponse provider(Actor actor, @PathVariable String providerId) {
        return ProviderResponse.of(providers.require(actor.practiceId(), providerId));
    }

    record TimeOffResponse(String id, OffsetDateTime start, OffsetDateTime end, @Nullable String reason) {
    }

    record TimeOffList(List<TimeOffResponse> timeOff) {
    }

    @Operation(operationId = "listTimeOff", summary = "List a provider's time off")
    @GetMapping("/{providerId}/time-off")
    TimeOffList timeOff(Actor actor, @PathVariable String providerId) {
        providers.require(actor.practiceId(), providerId);
        String zone = practices.settings(actor.practiceId()).timeZone();
        return new TimeOffList(providers.timeOff(List.of(providerId), Instant.EPOCH,
                        Instant.parse("9999-01-01T00:00:00Z"))
                .stream()
                .map(t -> new TimeOffResponse(t.id(), ApiTimes.at(t.range().start(), zone),
                        ApiTimes.at(t.range().end(), zone), t.reason()))
                .toList());
    }
}
