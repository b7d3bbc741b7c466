package com.practicescheduler.query.notification;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.waitlist.AcceptOfferCommand;
import com.practicescheduler.api.waitlist.DeclineOfferCommand;
import com.practicescheduler.platform.audit.AuditMetadata;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.NoToken;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The page a patient opens from an offer message: no login, the link is the credential (unguessable, single-use,
 * dead with the hold). A small HTML page that works without script; a form posts the answer. Clients that ask for
 * JSON get {@code {"appointmentId"}} and problems, as api.md says. Answering books exactly as staff acceptance does
 * (the same command), with the patient — through the link — as the audit trail's actor.
 */
@Tag(name = "Offer page")
@NoToken
@RestController
class OfferPageController {

    private final OfferLinks links;
    private final CommandSender commands;
    private final NotificationSettingsProjection settings;
    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final MessageLedger ledger;
    private final Clock clock;

    OfferPageController(OfferLinks links, CommandSender commands, NotificationSettingsProjection settings,
                        PracticeProjection practices, ProviderProjection providers, MessageLedger ledger,
                        Clock clock) {
        this.links = links;
        this.commands = commands;
        this.settings = settings;
        this.practices = practices;
        this.providers = providers;
        this.ledger = ledger;
        this.clock = clock;
    }

    record Accepted(String appointmentId) {
    }

    record Declined(String offerId, String status) {
    }

    @Operation(operationId = "openOfferPage", summary = "The patient's page of an offer (HTML, no login)")
    @Refuses({ErrorCode.OFFER_EXPIRED, ErrorCode.SLOT_UNAVAILABLE})
    @ApiResponse(responseCode = "200", description = "The page (text/html)",
            content = @Content(mediaType = MediaType.TEXT_HTML_VALUE, schema = @Schema(type = "string")))
    @GetMapping("/offers/{token}")
    ResponseEntity<String> page(@PathVariable String token, HttpServletRequest request) {
        OfferLinks.Link link = links.find(token).orElse(null);
        if (!wantsHtml(request)) {
            // clients that do not ask for a page get the contract's problems
            if (link != null && link.used() && link.takenByAnother()) {
                throw takenByAnother();
            }
            if (link == null || link.used()) {
                throw Refusal.notFound("Offer link");
            }
            if (!link.expiresAt().isAfter(clock.instant())) {
                throw new Refusal(ErrorCode.OFFER_EXPIRED, "The offer's hold has ended");
            }
        }
        if (link != null && link.used() && link.takenByAnother()) {
            return refusedPage(takenByAnother());
        }
        if (link == null || link.used()) {
            return html(404, "This link is not valid",
                    "<p>This offer was already answered, or the link is not complete. Please contact the practice "
                            + "if you need help.</p>");
        }
        if (!link.expiresAt().isAfter(clock.instant())) {
            return html(410, "This offer has expired",
                    "<p>The time was held for you until it expired and has been offered to someone else. Please "
                            + "contact the practice if you would still like an appointment.</p>");
        }
        ZoneId zone = ZoneId.of(practices.settings(link.practiceId()).timeZone());
        Slot slot = slot(link);
        String action = "/offers/" + HtmlUtils.htmlEscape(token);
        return html(200, "An earlier appointment is available", """
                <p>%s has an earlier time for you.</p>
                <dl>
                  <dt>When</dt><dd>%s</dd>
                  <dt>With</dt><dd>%s</dd>
                  <dt>Held for you until</dt><dd>%s</dd>
                </dl>
                <form method="post" action="%s/accept"><button type="submit" class="accept">Accept</button></form>
                <form method="post" action="%s/decline"><button type="submit" class="decline">Decline</button></form>
                """.formatted(escape(slot.practiceName()), escape(slot.when()), escape(slot.providerName()),
                escape(MessageText.when(link.expiresAt(), zone)), action, action));
    }

    @Operation(operationId = "acceptOfferByLink", summary = "Accept the offer of the link: book its slot")
    @Refuses({ErrorCode.OFFER_EXPIRED, ErrorCode.SLOT_UNAVAILABLE})
    @PostMapping("/offers/{token}/accept")
    ResponseEntity<?> accept(@PathVariable String token, HttpServletRequest request) {
        boolean browser = wantsHtml(request);
        OfferLinks.Link link;
        try {
            link = claim(token);
        } catch (Refusal refusal) {
            if (browser) {
                return refusedPage(refusal);
            }
            throw refusal;
        }
        String appointmentId = UUID.randomUUID().toString();
        try {
            commands.send(asPatient(new AcceptOfferCommand(link.offerId(), link.practiceId(), appointmentId), link));
        } catch (Refusal refusal) {
            if (refusal.code() == ErrorCode.SLOT_UNAVAILABLE) {
                // the link says so from now on, not only once the offer's withdrawal reaches the notifications
                // processor (which lingers under load): until then it would read as used, an unknown link
                links.retire(link.offerId(), clock.instant(), true);
            }
            Refusal answer = gone(refusal);
            if (browser) {
                return refusedPage(answer);
            }
            throw answer;
        }
        if (browser) {
            Slot slot = slot(link);
            return html(200, "Your appointment is booked", "<p>You are booked with " + escape(slot.providerName())
                    + " on " + escape(slot.when()) + ". " + escape(slot.practiceName())
                    + " looks forward to seeing you.</p>");
        }
        return ResponseEntity.ok(new Accepted(appointmentId));
    }

    @Operation(operationId = "declineOfferByLink", summary = "Decline the offer of the link")
    @Refuses({ErrorCode.OFFER_EXPIRED, ErrorCode.SLOT_UNAVAILABLE})
    @PostMapping("/offers/{token}/decline")
    ResponseEntity<?> decline(@PathVariable String token, HttpServletRequest request) {
        boolean browser = wantsHtml(request);
        try {
            OfferLinks.Link link = claim(token);
            try {
                commands.send(asPatient(new DeclineOfferCommand(link.offerId(), link.practiceId()), link));
            } catch (Refusal refusal) {
                throw gone(refusal);
            }
            if (browser) {
                return html(200, "Thank you", "<p>You declined this time. You stay on the waiting list.</p>");
            }
            return ResponseEntity.ok(new Declined(link.offerId(), "DECLINED"));
        } catch (Refusal refusal) {
            if (browser) {
                return refusedPage(refusal);
            }
            throw refusal;
        }
    }

    /** The link's offer, once: unknown or used → not-found; after the hold → offer-expired. */
    private OfferLinks.Link claim(String token) {
        OfferLinks.Link link = links.find(token).orElseThrow(() -> Refusal.notFound("Offer link"));
        if (link.used() && link.takenByAnother()) {
            throw takenByAnother();
        }
        if (link.used()) {
            throw Refusal.notFound("Offer link");
        }
        Instant now = clock.instant();
        if (!link.expiresAt().isAfter(now)) {
            throw new Refusal(ErrorCode.OFFER_EXPIRED, "The offer's hold has ended");
        }
        if (!links.use(token, now)) {
            // used since it was read: by another press, or closed as its offer ended (a broadcast's, taken)
            boolean taken = links.find(token).map(OfferLinks.Link::takenByAnother).orElse(false);
            throw taken ? takenByAnother() : Refusal.notFound("Offer link");
        }
        return link;
    }

    /** A broadcast's offer whose time another patient accepted first. */
    private static Refusal takenByAnother() {
        return new Refusal(ErrorCode.SLOT_UNAVAILABLE, "Another patient accepted this time first");
    }

    /** An offer answered another way in the meantime is, for the link, gone. */
    private static Refusal gone(Refusal refusal) {
        return refusal.code() == ErrorCode.INVALID_TRANSITION ? Refusal.notFound("Offer link") : refusal;
    }

    private static GenericCommandMessage<Object> asPatient(Object command, OfferLinks.Link link) {
        return new GenericCommandMessage<>(command, Map.of(AuditMetadata.ACTOR, "patient:" + link.patientId(),
                AuditMetadata.PRACTICE, link.practiceId(), AuditMetadata.ROLES, "PATIENT"));
    }

    private Slot slot(OfferLinks.Link link) {
        ZoneId zone = ZoneId.of(practices.settings(link.practiceId()).timeZone());
        MessageLedger.Message message = ledger.offerMessage(link.offerId()).orElseThrow(() ->
                Refusal.notFound("Offer link"));
        String practiceName = settings.settings(link.practiceId()).practiceName();
        String provider = providers.provider(link.practiceId(), message.providerId())
                .map(ProviderProjection.ProviderView::displayName).orElse("your provider");
        return new Slot(practiceName == null ? "Your practice" : practiceName, provider,
                MessageText.when(message.startsAt(), zone));
    }

    private record Slot(String practiceName, String providerName, String when) {
    }

    private static boolean wantsHtml(HttpServletRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains(MediaType.TEXT_HTML_VALUE);
    }

    private static ResponseEntity<String> refusedPage(Refusal refusal) {
        return switch (refusal.code()) {
            case OFFER_EXPIRED -> html(410, "This offer has expired", "<p>The time was held for you until it "
                    + "expired. Please contact the practice if you would still like an appointment.</p>");
            // a broadcast: the same time was offered to several patients and another accepted it first
            case SLOT_UNAVAILABLE -> html(409, "This time was just taken", "<p>This time was offered to a few "
                    + "patients at once, and another patient accepted it first. You stay on the waiting list, and "
                    + "the practice will offer you another time.</p>");
            default -> html(404, "This link is not valid", "<p>This offer was already answered, or the link is not "
                    + "complete. Please contact the practice if you need help.</p>");
        };
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text);
    }

    private static ResponseEntity<String> html(int status, String title, String content) {
        String page = """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s</title>
                <style>
                  body { font-family: system-ui, sans-serif; font-size: 1.125rem; line-height: 1.5; margin: 0 auto;
                         max-width: 32rem; padding: 1rem; color: #1a1a1a; background: #fff; }
                  dt { font-weight: 600; margin-top: .5rem; } dd { margin: 0; }
                  form { display: block; margin-top: 1rem; }
                  button { width: 100%%; min-height: 3rem; font-size: 1.125rem; border-radius: .5rem;
                           border: 2px solid #1f4e79; cursor: pointer; }
                  .accept { background: #1f4e79; color: #fff; } .decline { background: #fff; color: #1f4e79; }
                  button:focus { outline: 3px solid #f2a900; outline-offset: 2px; }
                </style>
                </head>
                <body>
                <main>
                <h1>%s</h1>
                %s
                </main>
                </body>
                </html>
                """.formatted(escape(title), escape(title), content);
        return ResponseEntity.status(status).contentType(new MediaType("text", "html",
                java.nio.charset.StandardCharsets.UTF_8)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .header("Referrer-Policy", "no-referrer").body(page);
    }
}
