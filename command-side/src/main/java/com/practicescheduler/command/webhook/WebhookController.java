package com.practicescheduler.command.webhook;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A practice's webhook subscriptions (ADR 17): created with a secret shown once, listed without it, deleted, and
 * each one's delivery log. Practice admins only; another practice's subscription is not found.
 */
@Tag(name = "Webhooks")
@RestController
@RequestMapping("/api/v1/webhooks")
@PreAuthorize("hasRole('PRACTICE_ADMIN')")
class WebhookController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookSubscriptions subscriptions;
    private final PrivateTargets targets;
    private final AuditLog audit;
    private final Clock clock;

    WebhookController(WebhookSubscriptions subscriptions, PrivateTargets targets, AuditLog audit, Clock clock) {
        this.subscriptions = subscriptions;
        this.targets = targets;
        this.audit = audit;
        this.clock = clock;
    }

    record WebhookRequest(@NotBlank @Size(max = 2000) String url,
                          @NotEmpty @Size(max = 20) List<@NotNull @Size(max = 64) String> events,
                          @Size(max = 200) String description) {
    }

    /** The new subscription: its id and its signing secret, which is never shown again. */
    record WebhookCreated(String id, String secret) {
    }

    record WebhookView(String id, String url, List<String> events, String description, Instant createdAt) {
    }

    record WebhookList(List<WebhookView> webhooks) {
    }

    record WebhookDelivery(String id, String type, int attempts, Integer lastStatus, String state) {
    }

    record WebhookDeliveryLog(List<WebhookDelivery> deliveries) {
    }

    @Operation(operationId = "createWebhook", summary = "Subscribe a URL to events; the secret is shown only here")
    @ApiResponse(responseCode = "201", description = "Subscribed")
    @PostMapping
    ResponseEntity<WebhookCreated> create(Actor actor, @Valid @RequestBody WebhookRequest request) {
        URI url;
        try {
            url = new URI(request.url().strip());
        } catch (URISyntaxException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "url is not a URL");
        }
        String refused = targets.refusal(url);
        if (refused != null) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, refused);
        }
        Set<String> events = new LinkedHashSet<>();
        for (String name : request.events()) {
            WebhookEvent type = WebhookEvent.named(name).orElseThrow(() -> new Refusal(ErrorCode.VALIDATION_FAILED,
                    "events: unknown event type; known are " + List.of(WebhookEvent.values()).stream()
                            .map(WebhookEvent::typeName).toList()));
            events.add(type.typeName());
        }
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String id = Ids.next();
        String description = request.description() == null || request.description().isBlank() ? null
                : request.description().strip();
        subscriptions.add(new WebhookSubscriptions.Subscription(id, actor.practiceId(), url.toString(),
                List.copyOf(events), description, secret, clock.instant()));
        audit.done(actor, "CreateWebhook", "Webhook", id, List.of());
        return ResponseEntity.created(URI.create("/api/v1/webhooks/" + id)).body(new WebhookCreated(id, secret));
    }

    @Operation(operationId = "listWebhooks", summary = "The practice's webhook subscriptions, without secrets")
    @GetMapping
    WebhookList list(Actor actor) {
        return new WebhookList(subscriptions.of(actor.practiceId()).stream()
                .map(s -> new WebhookView(s.id(), s.url(), s.events(), s.description(), s.createdAt()))
                .toList());
    }

    @Operation(operationId = "deleteWebhook", summary = "Delete a subscription; its pending deliveries are not sent")
    @ApiResponse(responseCode = "204", description = "Deleted; no content")
    @DeleteMapping("/{webhookId}")
    ResponseEntity<Void> delete(Actor actor, @PathVariable String webhookId) {
        if (!subscriptions.remove(actor.practiceId(), webhookId)) {
            throw Refusal.notFound("Webhook");
        }
        audit.done(actor, "DeleteWebhook", "Webhook", webhookId, List.of());
        return ResponseEntity.noContent().build();
    }

    @Operation(operationId = "listWebhookDeliveries", summary = "A subscription's delivery log, newest first")
    @GetMapping("/{webhookId}/deliveries")
    WebhookDeliveryLog deliveries(Actor actor, @PathVariable String webhookId) {
        subscriptions.find(actor.practiceId(), webhookId).orElseThrow(() -> Refusal.notFound("Webhook"));
        return new WebhookDeliveryLog(subscriptions.deliveries(webhookId).stream()
                .map(d -> new WebhookDelivery(d.id(), d.type(), d.attempts(), d.lastStatus(), d.state()))
                .toList());
    }
}
