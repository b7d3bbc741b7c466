package com.practicescheduler.command.waitlist;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.waitlist.AddToWaitlistCommand;
import com.practicescheduler.api.waitlist.RemoveFromWaitlistCommand;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistStatus;
import com.practicescheduler.command.common.RuleViolation;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.provider.ProviderDirectory;
import java.util.LinkedHashSet;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One patient waiting for a service, with what they would accept. */
@Aggregate
public class WaitlistEntry {

    @AggregateIdentifier
    private String entryId;
    private String practiceId;
    private WaitlistStatus status;

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

    @CommandHandler
    void handle(RemoveFromWaitlistCommand command) {
        if (practiceId == null || !practiceId.equals(command.practiceId())) {
            throw RuleViolation.notFound("Waitlist entry " + command.entryId());
        }
        if (status == WaitlistStatus.REMOVED) {
            return;
        }
        if (status == WaitlistStatus.FULFILLED) {
            throw new RuleViolation(ErrorCode.INVALID_TRANSITION, "The entry was fulfilled; nothing to remove");
        }
        apply(new WaitlistEntryRemovedEvent(entryId, practiceId));
    }

    @EventSourcingHandler
    void on(WaitlistEntryAddedEvent event) {
        entryId = event.entryId();
        practiceId = event.practiceId();
        status = WaitlistStatus.WAITING;
    }

    @EventSourcingHandler
    void on(WaitlistEntryRemovedEvent event) {
        status = WaitlistStatus.REMOVED;
    }
}
