package com.practicescheduler.command.waitlist;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.waitlist.AddToWaitlistCommand;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.command.patient.PatientDirectory;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.ProviderDirectory;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitlistEntryTest {

    private static final String PRACTICE = "practice-1";
    private static final WaitlistEntryAddedEvent ADDED = new WaitlistEntryAddedEvent("entry-1", PRACTICE,
            "patient-1", "service-1", List.of("provider-1"), List.of(), null, null, WaitlistPriority.HIGH, null);

    private AggregateTestFixture<WaitlistEntry> fixture;
    private PatientDirectory patients;
    private ProviderDirectory providers;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(WaitlistEntry.class);
        patients = mock(PatientDirectory.class);
        providers = mock(ProviderDirectory.class);
        PracticeDirectory practices = mock(PracticeDirectory.class);
        when(practices.terms(PRACTICE)).thenReturn(new PracticeTerms(PRACTICE, PracticeSettings.defaults(),
                Map.of("service-1", new ServiceTerms("service-1", "Therapy", 50, 10, Modality.IN_PERSON))));
        fixture.registerInjectableResource(patients);
        fixture.registerInjectableResource(practices);
        fixture.registerInjectableResource(providers);
    }

    @Test
    void addingAPatientPutsThemOnTheWaitlistListingEachProviderOnce() {
        fixture.givenNoPriorActivity()
                .when(new AddToWaitlistCommand("entry-1", PRACTICE, "patient-1", "service-1",
                        List.of("provider-1", "provider-1"), List.of(), null, null, WaitlistPriority.HIGH, null))
                .expectEvents(ADDED);
    }

    @Test
    void refusesAnUnknownService() {
        fixture.givenNoPriorActivity()
                .when(new AddToWaitlistCommand("entry-1", PRACTICE, "patient-1", "no-such-service", List.of(),
                        List.of(), null, null, WaitlistPriority.ROUTINE, null))
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }

    @Test
    void refusesAProviderWhoDoesNotOfferTheService() {
        doThrow(new Refusal(ErrorCode.SERVICE_NOT_OFFERED, "no"))
                .when(providers).requireOffering(anyString(), anyString(), anyString());
        fixture.givenNoPriorActivity()
                .when(new AddToWaitlistCommand("entry-1", PRACTICE, "patient-1", "service-1", List.of("provider-2"),
                        List.of(), null, null, WaitlistPriority.ROUTINE, null))
                .expectException(refusedWith(ErrorCode.SERVICE_NOT_OFFERED));
    }

    @Test
    void removingTakesTheEntryOffOnceAndRepeatingChangesNothing() {
        fixture.given(ADDED)
                .whenInvoking("entry-1", WaitlistEntry::remove)
                .expectEvents(new WaitlistEntryRemovedEvent("entry-1", PRACTICE));
        fixture.given(ADDED, new WaitlistEntryRemovedEvent("entry-1", PRACTICE))
                .whenInvoking("entry-1", WaitlistEntry::remove)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aFulfilledEntryCannotBeRemoved() {
        fixture.given(ADDED,
                        new com.practicescheduler.api.waitlist.WaitlistEntryOfferedEvent("entry-1", PRACTICE, "offer-1",
                                java.time.Instant.parse("2026-11-23T14:00:00Z")),
                        new com.practicescheduler.api.waitlist.WaitlistEntryFulfilledEvent("entry-1", PRACTICE,
                                "offer-1", "appointment-1"))
                .whenInvoking("entry-1", WaitlistEntry::remove)
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void anotherPracticeCannotTouchTheEntry() {
        fixture.given(ADDED)
                .whenInvoking("entry-1", entry -> entry.requirePractice("practice-2"))
                .expectException(refusedWith(ErrorCode.NOT_FOUND));
    }
}
