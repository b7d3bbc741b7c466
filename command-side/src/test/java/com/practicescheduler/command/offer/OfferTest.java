package com.practicescheduler.command.offer;

import static com.practicescheduler.command.common.RefusalMatchers.refusedWith;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An offer's life: accepted or declined while pending, expired by its deadline, refused afterwards. */
class OfferTest {

    private static final Instant START = Instant.parse("2027-03-09T14:00:00Z");
    private static final Instant EXPIRES = Instant.parse("2027-03-09T12:00:00Z");
    private static final OfferMadeEvent MADE = new OfferMadeEvent("offer-1", "practice-1", "entry-1", "patient-1",
            "service-1", "provider-1", START, START.plus(Duration.ofMinutes(50)), START.plus(Duration.ofMinutes(60)),
            EXPIRES, OfferReason.byStaff(1));

    private AggregateTestFixture<Offer> fixture;

    @BeforeEach
    void fixture() {
        fixture = new AggregateTestFixture<>(Offer.class);
    }

    @Test
    void aPendingOfferCanBeAcceptedBeforeItExpires() {
        fixture.given(MADE)
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES.minusSeconds(1)))
                .expectEvents(new OfferAcceptedEvent("offer-1", "practice-1", "entry-1", "appointment-1"));
    }

    @Test
    void acceptingAtOrAfterTheExpiryIsRefusedAsExpiredEvenBeforeTheDeadlineFired() {
        fixture.given(MADE)
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES))
                .expectException(refusedWith(ErrorCode.OFFER_EXPIRED));
    }

    @Test
    void aBroadcastOfferWithdrawnBecauseAnotherTookTheSlotRefusesAcceptanceAsSlotUnavailable() {
        OfferMadeEvent broadcast = new OfferMadeEvent("offer-1", "practice-1", "entry-1", "patient-1", "service-1",
                "provider-1", START, START.plus(Duration.ofMinutes(50)), START.plus(Duration.ofMinutes(60)), EXPIRES,
                OfferReason.byStaff(1), "hold-1", List.of("offer-1", "offer-2"));

        fixture.given(broadcast, new OfferWithdrawnEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(60)), OfferWithdrawnEvent.SLOT_TAKEN))
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES.minusSeconds(60)))
                .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE));
    }

    @Test
    void aSeatOfferWithdrawnAsItsSessionWasCancelledRefusesAcceptanceAsSlotUnavailable() {
        OfferMadeEvent seat = new OfferMadeEvent("offer-1", "practice-1", "entry-1", "patient-1", "group-1",
                "provider-1", START, START.plus(Duration.ofMinutes(90)), START.plus(Duration.ofMinutes(105)), EXPIRES,
                OfferReason.byStaff(1), "offer-1", List.of(), "session-1");

        fixture.given(seat, new OfferWithdrawnEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(105)), OfferWithdrawnEvent.SESSION_CANCELLED))
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES.minusSeconds(60)))
                .expectException(refusedWith(ErrorCode.SLOT_UNAVAILABLE));
    }

    @Test
    void anOfferWithdrawnAsItsEntryWasRemovedRefusesAcceptanceAsAnInvalidTransition() {
        fixture.given(MADE, new OfferWithdrawnEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(60)), null))
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES.minusSeconds(60)))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }

    @Test
    void makingAnOfferSchedulesItsExpiryWhichExpiresItOnceTheHoldHasPassed() {
        makeOffersAsTheHandlerDoes();

        fixture.givenCurrentTime(EXPIRES.minus(Duration.ofHours(2)))
                .andGivenCommands(MADE)
                .whenTimeElapses(Duration.ofHours(2))
                .expectEvents(new OfferExpiredEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(60))));
    }

    @Test
    void noExpiryBeforeTheHoldHasPassed() {
        makeOffersAsTheHandlerDoes();

        fixture.givenCurrentTime(EXPIRES.minus(Duration.ofHours(2)))
                .andGivenCommands(MADE)
                .whenTimeElapses(Duration.ofHours(2).minusSeconds(1))
                .expectNoEvents()
                .expectScheduledDeadlineWithName(Duration.ofSeconds(1), Offer.EXPIRY);
    }

    // The deadline itself is scheduled when the offer is made (OfferCommandHandler); that it is stored in
    // PostgreSQL is checked over HTTP in WaitlistOffersTest. Here: what its handler does when it fires.
    @Test
    void whenTheExpiryDeadlineFiresAPendingOfferExpires() {
        fixture.given(MADE)
                .whenInvoking("offer-1", Offer::expire)
                .expectEvents(new OfferExpiredEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(60))));
    }

    @Test
    void whenTheExpiryDeadlineFiresAfterTheOfferWasAnsweredNothingChanges() {
        fixture.given(MADE, new OfferAcceptedEvent("offer-1", "practice-1", "entry-1", "appointment-1"))
                .whenInvoking("offer-1", Offer::expire)
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void anExpiredOfferCanNeitherBeAcceptedNorDeclined() {
        OfferExpiredEvent expired = new OfferExpiredEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                START.plus(Duration.ofMinutes(60)));
        fixture.given(MADE, expired)
                .whenInvoking("offer-1", offer -> offer.decline(EXPIRES.minusSeconds(60)))
                .expectException(refusedWith(ErrorCode.OFFER_EXPIRED));
    }

    @Test
    void anAnsweredOfferCannotBeAnsweredAgain() {
        fixture.given(MADE, new OfferDeclinedEvent("offer-1", "practice-1", "entry-1", "provider-1", START,
                        START.plus(Duration.ofMinutes(60))))
                .whenInvoking("offer-1", offer -> offer.accept("appointment-1", EXPIRES.minusSeconds(60)))
                .expectException(refusedWith(ErrorCode.INVALID_TRANSITION));
    }

    /** Takes an {@link OfferMadeEvent} as a command and makes the offer as OfferCommandHandler does. */
    private void makeOffersAsTheHandlerDoes() {
        fixture.registerAnnotatedCommandHandler(new Object() {
            @CommandHandler
            void make(OfferMadeEvent made, DeadlineManager deadlines) throws Exception {
                fixture.getRepository().newInstance(() -> new Offer(made, deadlines));
            }
        });
    }
}
