package com.practicescheduler.command.offer;

import static com.practicescheduler.command.common.Aggregates.load;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.waitlist.AcceptOfferCommand;
import com.practicescheduler.api.waitlist.DeclineOfferCommand;
import com.practicescheduler.api.waitlist.MakeOfferCommand;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.RemoveFromWaitlistCommand;
import com.practicescheduler.command.appointment.Bookings;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ProviderDirectory;
import com.practicescheduler.command.provider.ProviderSchedule;
import com.practicescheduler.command.waitlist.WaitlistEntry;
import java.time.Clock;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Makes, accepts, declines and withdraws offers. Each changes the entry, the offer and the provider's schedule
 * (the hold) in one unit of work, so a hold and a booking can never overlap and nothing is half-done. Every path
 * locks in the same order — entry, then offer, then schedule — so two of them can never deadlock.
 */
@Component
class OfferCommandHandler {

    private final Repository<Offer> offers;
    private final Repository<WaitlistEntry> entries;
    private final Repository<ProviderSchedule> schedules;
    private final PracticeDirectory practices;
    private final ProviderDirectory providers;
    private final Bookings bookings;
    private final DeadlineManager deadlines;
    private final EventStore eventStore;
    private final Clock clock;

    OfferCommandHandler(@Qualifier("offerRepository") Repository<Offer> offers,
                        @Qualifier("waitlistEntryRepository") Repository<WaitlistEntry> entries,
                        @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                        PracticeDirectory practices, ProviderDirectory providers, Bookings bookings,
                        DeadlineManager deadlines, EventStore eventStore, Clock clock) {
        this.offers = offers;
        this.entries = entries;
        this.schedules = schedules;
        this.practices = practices;
        this.providers = providers;
        this.bookings = bookings;
        this.deadlines = deadlines;
        this.eventStore = eventStore;
        this.clock = clock;
    }

    @CommandHandler
    String handle(MakeOfferCommand command) throws Exception {
        Instant now = clock.instant();
        Aggregate<WaitlistEntry> entry = load(entries, command.entryId(), "Waitlist entry");
        entry.execute(e -> e.requirePractice(command.practiceId()));
        PracticeTerms terms = practices.terms(command.practiceId());
        ServiceTerms service = terms.service(entry.invoke(WaitlistEntry::serviceId));
        if (service.group()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "An entry for a group service is offered a seat in a group session, not time of its own");
        }
        providers.requireOffering(command.practiceId(), command.providerId(), service.serviceId());
        BookingRequest hold = new BookingRequest(command.offerId(), service, command.start());
        // held for the practice's offer hold, but never past the slot's start
        Instant held = now.plus(terms.settings().offerHold());
        Instant expiresAt = held.isBefore(command.start()) ? held : command.start();
        entry.execute(e -> e.offer(command.offerId(), expiresAt, now));
        Aggregate<ProviderSchedule> schedule = load(schedules, command.providerId(), "Provider");
        schedule.execute(s -> s.placeHold(hold, terms, now, expiresAt));
        OfferMadeEvent made = new OfferMadeEvent(command.offerId(), command.practiceId(), command.entryId(),
                entry.invoke(WaitlistEntry::patientId), service.serviceId(), command.providerId(), hold.start(),
                hold.end(), hold.blockedUntil(), expiresAt, command.reason());
        offers.newInstance(() -> new Offer(made, deadlines));
        return command.offerId();
    }

    @CommandHandler
    String handle(AcceptOfferCommand command) throws Exception {
        Instant now = clock.instant();
        Aggregate<WaitlistEntry> entry = load(entries, entryOf(command.offerId()), "Waitlist entry");
        Aggregate<Offer> offer = load(offers, command.offerId(), "Offer");
        offer.execute(o -> o.requirePractice(command.practiceId()));
        offer.execute(o -> o.accept(command.appointmentId(), now));
        entry.execute(e -> e.fulfil(command.offerId(), command.appointmentId()));
        PracticeTerms terms = practices.terms(command.practiceId());
        ServiceTerms service = terms.service(offer.invoke(Offer::serviceId));
        BookingRequest request = new BookingRequest(command.appointmentId(), service, offer.invoke(Offer::start));
        String providerId = offer.invoke(Offer::providerId);
        // the appointment takes the hold's place in the schedule
        load(schedules, providerId, "Provider")
                .execute(s -> s.reserve(request, terms, now, command.offerId()));
        bookings.create(new AppointmentBookedEvent(command.appointmentId(), command.practiceId(),
                offer.invoke(Offer::patientId), providerId, service.serviceId(), request.start(), request.end(),
                request.blockedUntil(), AppointmentSource.WAITLIST, null, null));
        return command.appointmentId();
    }

    /** Removes an entry; a pending offer is withdrawn and its hold released in the same unit of work. */
    @CommandHandler
    void handle(RemoveFromWaitlistCommand command) {
        Aggregate<WaitlistEntry> entry = load(entries, command.entryId(), "Waitlist entry");
        entry.execute(e -> e.requirePractice(command.practiceId()));
        String pending = entry.invoke(e -> e.pendingOffer(clock.instant()));
        entry.execute(WaitlistEntry::remove);
        if (pending != null) {
            Aggregate<Offer> offer = load(offers, pending, "Offer");
            offer.execute(Offer::withdraw);
            load(schedules, offer.invoke(Offer::providerId), "Provider").execute(s -> s.release(pending));
        }
    }

    @CommandHandler
    void handle(DeclineOfferCommand command) {
        Instant now = clock.instant();
        Aggregate<WaitlistEntry> entry = load(entries, entryOf(command.offerId()), "Waitlist entry");
        Aggregate<Offer> offer = load(offers, command.offerId(), "Offer");
        offer.execute(o -> o.requirePractice(command.practiceId()));
        offer.execute(o -> o.decline(now));
        entry.execute(e -> e.returnToWaiting(command.offerId()));
        load(schedules, offer.invoke(Offer::providerId), "Provider").execute(s -> s.release(command.offerId()));
    }

    /** The entry an offer was made to, read from the offer's first event without locking the offer. */
    private String entryOf(String offerId) {
        DomainEventStream stream = eventStore.readEvents(offerId, 0);
        if (stream.hasNext() && stream.next().getPayload() instanceof OfferMadeEvent made) {
            return made.entryId();
        }
        throw Refusal.notFound("Offer " + offerId);
    }
}
