package com.practicescheduler.command.offer;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.waitlist.AcceptOfferCommand;
import com.practicescheduler.api.waitlist.DeclineOfferCommand;
import com.practicescheduler.api.waitlist.MakeOfferCommand;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.platform.command.CommandSender;
import com.practicescheduler.platform.openapi.Refuses;
import com.practicescheduler.platform.security.Actor;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.OffsetDateTime;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Offers of freed time to waitlist entries, made by staff and answered on the patient's behalf. */
@Tag(name = "Waitlist")
@RestController
@RequestMapping("/api/v1/waitlist")
@PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
class OfferCommandController {

    private final CommandSender commands;

    OfferCommandController(CommandSender commands) {
        this.commands = commands;
    }

    record OfferRequest(@NotBlank @Size(max = 64) String providerId, @NotNull OffsetDateTime start) {
    }

    record OfferAnswer(String id, OfferStatus status) {
    }

    /** A staff-made offer, held like any other. */
    @Operation(operationId = "makeOffer", summary = "Offer a slot to a waitlist entry")
    @ApiResponse(responseCode = "201", description = "Offered; the slot is held")
    @Refuses({ErrorCode.INVALID_TRANSITION, ErrorCode.SLOT_UNAVAILABLE, ErrorCode.IN_THE_PAST,
            ErrorCode.BEYOND_HORIZON, ErrorCode.SERVICE_NOT_OFFERED, ErrorCode.OUTSIDE_WORKING_HOURS,
            ErrorCode.TIME_OFF})
    @PostMapping("/{entryId}/offers")
    ResponseEntity<OfferAnswer> offer(Actor actor, @PathVariable String entryId,
                                      @Valid @RequestBody OfferRequest request) {
        String offerId = commands.send(new MakeOfferCommand(Ids.next(), actor.practiceId(), entryId,
                request.providerId(), request.start().toInstant(), OfferReason.byStaff(null)));
        return ResponseEntity.created(URI.create("/api/v1/waitlist/offers/" + offerId))
                .body(new OfferAnswer(offerId, OfferStatus.PENDING));
    }

    record Accepted(String appointmentId) {
    }

    @Operation(operationId = "acceptOffer", summary = "Accept an offer: book its slot")
    @Refuses({ErrorCode.OFFER_EXPIRED, ErrorCode.INVALID_TRANSITION, ErrorCode.SLOT_UNAVAILABLE})
    @PostMapping("/offers/{offerId}/accept")
    Accepted accept(Actor actor, @PathVariable String offerId) {
        return new Accepted(commands.send(new AcceptOfferCommand(offerId, actor.practiceId(), Ids.next())));
    }

    @Operation(operationId = "declineOffer", summary = "Decline an offer")
    @Refuses({ErrorCode.OFFER_EXPIRED, ErrorCode.INVALID_TRANSITION})
    @PostMapping("/offers/{offerId}/decline")
    OfferAnswer decline(Actor actor, @PathVariable String offerId) {
        commands.send(new DeclineOfferCommand(offerId, actor.practiceId()));
        return new OfferAnswer(offerId, OfferStatus.DECLINED);
    }
}
