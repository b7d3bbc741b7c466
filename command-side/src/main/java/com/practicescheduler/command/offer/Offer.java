package com.practicescheduler.command.offer;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferStatus;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import java.time.Instant;
import java.util.List;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A slot offered to a waitlist entry, held in the provider's schedule until accepted, declined or expired — or, for
 * an entry of a group service, a seat held in a group session. Its
 * expiry is a persistent deadline (db-scheduler): it fires once, even if every process restarted in between.
 */
@Aggregate
public class Offer {

    static final String EXPIRY = "offer-expiry";

    @AggregateIdentifier
    private String offerId;
    private String practiceId;
    private String entryId;
    private String serviceId;
    private String patientId;
    private String providerId;
    private Instant start;
    private Instant end;
    private Instant blockedUntil;
    private Instant expiresAt;
    private OfferStatus status;
    /** The reservation holding the slot: this offer's id, or the hold a broadcast's offers share. */
    private String holdId;
    /** For a broadcast, every offer made for the slot at once (this one included); else empty. */
    private List<String> broadcastOfferIds = List.of();
    /** For a seat offer, the group session whose seat it holds; else null. */
    private String groupSessionId;
    /** Why a withdrawn offer was withdrawn. */
    private String withdrawnBecause;

    protected Offer() {
        // for Axon
    }

    /** Records the offer and schedules its expiry; the caller placed the hold in the same unit of work. */
    Offer(OfferMadeEvent made, DeadlineManager deadlines) {
        apply(made);
        deadlines.schedule(made.expiresAt(), EXPIRY, null,
                new AggregateScopeDescriptor(Offer.class.getSimpleName(), made.offerId()));
    }

    void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Offer " + offerId);
        }
    }

    /** Refuses unless the offer is still pending at {@code now}: 410 once expired, 409 once answered. */
    private void requirePending(Instant now) {
        if (status == OfferStatus.EXPIRED || (status == OfferStatus.PENDING && !now.isBefore(expiresAt))) {
            throw new Refusal(ErrorCode.OFFER_EXPIRED, "The offer expired at " + expiresAt);
        }
        if (status == OfferStatus.WITHDRAWN && (OfferWithdrawnEvent.SLOT_TAKEN.equals(withdrawnBecause)
                || OfferWithdrawnEvent.SESSION_CANCELLED.equals(withdrawnBecause))) {
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE, "The offer was withdrawn: " + withdrawnBecause);
        }
        if (status != OfferStatus.PENDING) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The offer is " + status);
        }
    }

    void accept(String appointmentId, Instant now) {
        requirePending(now);
        apply(new OfferAcceptedEvent(offerId, practiceId, entryId, appointmentId));
    }

    void decline(Instant now) {
        requirePending(now);
        apply(new OfferDeclinedEvent(offerId, practiceId, entryId, providerId, start, blockedUntil));
    }

    /**
     * Withdraws the offer if it is still pending, saying why; an answered or expired offer stays as it is.
     *
     * @return whether it was withdrawn now
     */
    boolean withdraw(String reason) {
        if (status != OfferStatus.PENDING) {
            return false;
        }
        apply(new OfferWithdrawnEvent(offerId, practiceId, entryId, providerId, start, blockedUntil, reason));
        return true;
    }

    /**
     * Refuses the acceptance of a broadcast offer whose shared hold is gone from the schedule: another entry
     * accepted the slot first (its offer is withdrawn moments later by the matcher).
     */
    void requireHoldStillHeld(boolean held) {
        if (!held) {
            throw new Refusal(ErrorCode.SLOT_UNAVAILABLE, "The offer was withdrawn: " + OfferWithdrawnEvent.SLOT_TAKEN);
        }
    }

    String holdId() {
        return holdId;
    }

    boolean broadcast() {
        return !broadcastOfferIds.isEmpty();
    }

    /** For a seat offer, the group session whose seat it holds; else null. */
    String groupSessionId() {
        return groupSessionId;
    }

    @DeadlineHandler(deadlineName = EXPIRY)
    void expire() {
        if (status == OfferStatus.PENDING) {
            apply(new OfferExpiredEvent(offerId, practiceId, entryId, providerId, start, blockedUntil));
        }
    }

    String entryId() {
        return entryId;
    }

    String serviceId() {
        return serviceId;
    }

    String patientId() {
        return patientId;
    }

    String providerId() {
        return providerId;
    }

    Instant start() {
        return start;
    }

    Instant end() {
        return end;
    }

    Instant blockedUntil() {
        return blockedUntil;
    }

    @EventSourcingHandler
    void on(OfferMadeEvent event) {
        offerId = event.offerId();
        practiceId = event.practiceId();
        entryId = event.entryId();
        serviceId = event.serviceId();
        patientId = event.patientId();
        providerId = event.providerId();
        start = event.start();
        end = event.end();
        blockedUntil = event.blockedUntil();
        expiresAt = event.expiresAt();
        holdId = event.holdId();
        broadcastOfferIds = event.broadcastOfferIds();
        groupSessionId = event.groupSessionId();
        status = OfferStatus.PENDING;
    }

    @EventSourcingHandler
    void on(OfferAcceptedEvent event) {
        status = OfferStatus.ACCEPTED;
    }

    @EventSourcingHandler
    void on(OfferDeclinedEvent event) {
        status = OfferStatus.DECLINED;
    }

    @EventSourcingHandler
    void on(OfferExpiredEvent event) {
        status = OfferStatus.EXPIRED;
    }

    @EventSourcingHandler
    void on(OfferWithdrawnEvent event) {
        status = OfferStatus.WITHDRAWN;
        withdrawnBecause = event.reason();
    }
}
