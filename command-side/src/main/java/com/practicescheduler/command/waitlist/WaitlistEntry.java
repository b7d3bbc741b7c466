package com.practicescheduler.command.waitlist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.waitlist.AddToWaitlistCommand;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryFulfilledEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryOfferedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryReturnedEvent;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.provider.ProviderDirectory;
import com.practicescheduler.platform.Port;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One patient waiting for a service, with what they would accept. */
@Port("an offer changes its entry in the offer's unit of work")
@Aggregate
public class WaitlistEntry {

    @AggregateIdentifier
    private String entryId;
    private String practiceId;
    private WaitlistStatus status;
    private String patientId;
    private String serviceId;
    private String pendingOfferId;
    private Instant pendingOfferExpiresAt;

    protected WaitlistEntry() {
        // for Axon
    }

    @CommandHandler
    WaitlistEntry(AddToWaitlistCommand command, PatientDirectory patients, PracticeDirectory practices,
                  ProviderDirectory providers) {
        patients.requirePatient(command.practiceId(), command.patientId());
        practices.terms(command.practiceId()).service(command.serviceId());
        List<String> providerIds = List.copyOf(new LinkedHashSet<>(command.providerIds()));
        providerIds.forEach(id -> providers.requireOffering(command.practiceId(), id, command.serviceId()));
        apply(new WaitlistEntryAddedEvent(command.entryId(), command.practiceId(), command.patientId(),
                command.serviceId(), providerIds, List.copyOf(command.windows()), command.notBefore(),
                command.notAfter(), command.priority(), command.note()));
    }

    /**
     * Takes the entry off the waitlist; nothing happens if it already is. Its pending offer, if any, is withdrawn
     * by the caller in the same unit of work ({@link #pendingOffer(Instant)}).
     */
    public void remove() {
        if (status == WaitlistStatus.REMOVED) {
            return;
        }
        if (status == WaitlistStatus.FULFILLED) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The entry was fulfilled; nothing to remove");
        }
        apply(new WaitlistEntryRemovedEvent(entryId, practiceId));
    }

    /** The offer still pending at {@code now}, or null. */
    public String pendingOffer(Instant now) {
        return status == WaitlistStatus.OFFERED && now.isBefore(pendingOfferExpiresAt) ? pendingOfferId : null;
    }

    public void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Waitlist entry " + entryId);
        }
    }

    /** Takes offer {@code offerId}; only a waiting entry (or one whose pending offer ran out) can. */
    public void offer(String offerId, Instant expiresAt, Instant now) {
        if (status == WaitlistStatus.REMOVED || status == WaitlistStatus.FULFILLED) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The entry is " + status);
        }
        if (status == WaitlistStatus.OFFERED && now.isBefore(pendingOfferExpiresAt)) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The entry already has a pending offer");
        }
        apply(new WaitlistEntryOfferedEvent(entryId, practiceId, offerId, expiresAt));
    }

    public void fulfil(String offerId, String appointmentId) {
        if (status != WaitlistStatus.OFFERED || !offerId.equals(pendingOfferId)) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The entry is " + status);
        }
        apply(new WaitlistEntryFulfilledEvent(entryId, practiceId, offerId, appointmentId));
    }

    public void returnToWaiting(String offerId) {
        if (status == WaitlistStatus.OFFERED && offerId.equals(pendingOfferId)) {
            apply(new WaitlistEntryReturnedEvent(entryId, practiceId, offerId));
        }
    }

    public String patientId() {
        return patientId;
    }

    public String serviceId() {
        return serviceId;
    }

    @EventSourcingHandler
    void on(WaitlistEntryAddedEvent event) {
        entryId = event.entryId();
        practiceId = event.practiceId();
        patientId = event.patientId();
        serviceId = event.serviceId();
        status = WaitlistStatus.WAITING;
    }

    @EventSourcingHandler
    void on(WaitlistEntryOfferedEvent event) {
        status = WaitlistStatus.OFFERED;
        pendingOfferId = event.offerId();
        pendingOfferExpiresAt = event.expiresAt();
    }

    @EventSourcingHandler
    void on(WaitlistEntryFulfilledEvent event) {
        status = WaitlistStatus.FULFILLED;
        pendingOfferId = null;
    }

    @EventSourcingHandler
    void on(WaitlistEntryReturnedEvent event) {
        status = WaitlistStatus.WAITING;
        pendingOfferId = null;
    }

    @EventSourcingHandler
    void on(WaitlistEntryRemovedEvent event) {
        status = WaitlistStatus.REMOVED;
    }
}
