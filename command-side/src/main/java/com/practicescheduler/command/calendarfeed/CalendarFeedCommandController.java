package com.practicescheduler.command.calendarfeed;

import com.practicescheduler.api.calendarfeed.CalendarFeeds;
import com.practicescheduler.api.calendarfeed.CreateCalendarFeedCommand;
import com.practicescheduler.api.calendarfeed.RevokeCalendarFeedCommand;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.command.provider.ProviderDirectory;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A provider's calendar feeds (ADR 19): created with an unguessable URL shown once, and revoked. A clinician for
 * their own provider, a practice admin for any of the practice's; another practice's provider is not found.
 */
@Tag(name = "Calendar feeds")
@RestController
@RequestMapping("/api/v1/providers/{providerId}/calendar-feeds")
@PreAuthorize("hasAnyRole('CLINICIAN','PRACTICE_ADMIN')")
class CalendarFeedCommandController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final CommandSender commands;
    private final ProviderDirectory providers;
    private final Clock clock;
    private final String publicBaseUrl;

    CalendarFeedCommandController(CommandSender commands, ProviderDirectory providers, Clock clock,
                           @Value("${practice-scheduler.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.commands = commands;
        this.providers = providers;
        this.clock = clock;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
    }

    /** The new feed: its id and its URL, which holds the only copy of its token and is never shown again. */
    record CalendarFeedCreated(String id, String url) {

        @Override
        public String toString() {
            return "CalendarFeedCreated[id=" + id + "]";
        }
    }

    @Operation(operationId = "createCalendarFeed",
            summary = "A new iCalendar subscription URL for the provider's appointments; the URL is shown only here")
    @ApiResponse(responseCode = "201", description = "Created")
    @Refuses({ErrorCode.NOT_FOUND})
    @PostMapping
    ResponseEntity<CalendarFeedCreated> create(Actor actor, @PathVariable String providerId) {
        requireMayManage(actor, providerId);
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        String feedId = Ids.next();
        commands.send(new CreateCalendarFeedCommand(feedId, actor.practiceId(), providerId,
                CalendarFeeds.tokenHash(token), clock.instant()));
        return ResponseEntity.created(URI.create("/api/v1/providers/" + providerId + "/calendar-feeds/" + feedId))
                .body(new CalendarFeedCreated(feedId, publicBaseUrl + "/calendar-feeds/" + token + ".ics"));
    }

    @Operation(operationId = "revokeCalendarFeed", summary = "Revoke a calendar feed: its URL answers 404 from now on")
    @ApiResponse(responseCode = "204", description = "Revoked; no content")
    @Refuses({ErrorCode.NOT_FOUND})
    @DeleteMapping("/{feedId}")
    ResponseEntity<Void> revoke(Actor actor, @PathVariable String providerId, @PathVariable String feedId) {
        requireMayManage(actor, providerId);
        commands.send(new RevokeCalendarFeedCommand(feedId, actor.practiceId(), providerId, clock.instant()));
        return ResponseEntity.noContent().build();
    }

    /** Another practice's provider is not found; a clinician manages only the feeds of the provider they are. */
    private void requireMayManage(Actor actor, String providerId) {
        providers.requireProvider(actor.practiceId(), providerId);
        if (!actor.has(Role.PRACTICE_ADMIN) && !providerId.equals(actor.providerId())) {
            throw new Refusal(ErrorCode.FORBIDDEN, "Clinicians manage only their own calendar feeds");
        }
    }
}
