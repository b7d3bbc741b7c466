package com.practicescheduler.command.offer;

import static com.practicescheduler.command.common.Aggregates.load;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.waitlist.AcceptOfferCommand;
import com.practicescheduler.api.waitlist.DeclineOfferCommand;
import com.practicescheduler.api.waitlist.MakeBroadcastOfferCommand;
import com.practicescheduler.api.waitlist.MakeOfferCommand;
import com.practicescheduler.api.waitlist.MakeSeatOfferCommand;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.api.waitlist.RemoveFromWaitlistCommand;
import com.practicescheduler.api.waitlist.WithdrawOfferCommand;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    private final SeatHolds seats;
    private final DeadlineManager deadlines;
    private final EventStore eventStore;
    private final Clock clock;

    OfferCommandHandler(@Qualifier("offerRepository") Repository<Offer> offers,
                        @Qualifier("waitlistEntryRepository") Repository<WaitlistEntry> entries,
                        @Qualifier("providerScheduleRepository") Repository<ProviderSchedule> schedules,
                        PracticeDirectory practices, ProviderDirectory providers, Bookings bookings,
                        SeatHolds seats, DeadlineManager deadlines, EventStore eventStore, Clock clock) {
        this.offers = offers;
        this.entries = entries;
        this.schedules = schedules;
        this.practices = practices;
        this.providers = providers;
        this.bookings = bookings;
        this.seats = seats;
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
        Instant expiresAt = expiry(terms, now, command.start());
        entry.execute(e -> e.offer(command.offerId(), expiresAt, now));
        Aggregate<ProviderSchedule> schedule = load(schedules, command.providerId(), "Provider");
        schedule.execute(s -> s.placeHold(hold, terms, now, expiresAt));
        OfferMadeEvent made = new OfferMadeEvent(command.offerId(), command.practiceId(), command.entryId(),
                entry.invoke(WaitlistEntry::patientId), service.serviceId(), command.providerId(), hold.start(),
                hold.end(), hold.blockedUntil(), expiresAt, command.reason());
        offers.newInstance(() -> new Offer(made, deadlines));
        return command.offerId();
    }

    /**
     * Offers one slot to several entries at once under one hold ({@code BROADCAST}). Entries are locked in id
     * order, then the schedule; the offers are new.
     */
    @CommandHandler
    String handle(MakeBroadcastOfferCommand command) throws Exception {
        if (command.members().isEmpty() || command.members().size() > PracticeSettings.MAX_BROADCAST_SIZE) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "A broadcast goes to 1 to " + PracticeSettings.MAX_BROADCAST_SIZE + " entries");
        }
        Instant now = clock.instant();
        PracticeTerms terms = practices.terms(command.practiceId());
        Map<String, Aggregate<WaitlistEntry>> entriesById = new TreeMap<>();
        for (MakeBroadcastOfferCommand.Member member : command.members()) {
            Aggregate<WaitlistEntry> entry = load(entries, member.entryId(), "Waitlist entry");
            entry.execute(e -> e.requirePractice(command.practiceId()));
            entriesById.put(member.entryId(), entry);
        }
        Set<String> serviceIds = new HashSet<>();
        entriesById.values().forEach(entry -> serviceIds.add(entry.invoke(WaitlistEntry::serviceId)));
        if (serviceIds.size() != 1 || entriesById.size() != command.members().size()) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    "A broadcast offers one slot of one service to distinct entries");
        }
        ServiceTerms service = terms.service(serviceIds.iterator().next());
        providers.requireOffering(command.practiceId(), command.providerId(), service.serviceId());
        BookingRequest hold = new BookingRequest(command.holdId(), service, command.start());
        Instant expiresAt = expiry(terms, now, command.start());
        for (MakeBroadcastOfferCommand.Member member : command.members()) {
            entriesById.get(member.entryId()).execute(e -> e.offer(member.offerId(), expiresAt, now));
        }
        load(schedules, command.providerId(), "Provider").execute(s -> s.placeHold(hold, terms, now, expiresAt));
        List<String> offerIds = command.members().stream().map(MakeBroadcastOfferCommand.Member::offerId).toList();
        for (MakeBroadcastOfferCommand.Member member : command.members()) {
            Aggregate<WaitlistEntry> entry = entriesById.get(member.entryId());
            OfferMadeEvent made = new OfferMadeEvent(member.offerId(), command.practiceId(), member.entryId(),
                    entry.invoke(WaitlistEntry::patientId), service.serviceId(), command.providerId(), hold.start(),
                    hold.end(), hold.blockedUntil(), expiresAt, member.reason(), command.holdId(), offerIds);
            offers.newInstance(() -> new Offer(made, deadlines));
        }
        return command.holdId();
    }

    /**
     * Offers an entry of a group service a seat in a session, held in the session (not in the provider's schedule,
     * where the session holds the time once). Locks the entry, then the session; the offer is new.
     */
    @CommandHandler
    String handle(MakeSeatOfferCommand command) throws Exception {
        Instant now = clock.instant();
        Aggregate<WaitlistEntry> entry = load(entries, command.entryId(), "Waitlist entry");
        entry.execute(e -> e.requirePractice(command.practiceId()));
        SeatHolds.Session session = seats.session(command.groupSessionId(), command.practiceId());
        if (!session.serviceId().equals(entry.invoke(WaitlistEntry::serviceId))) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED, "The entry waits for another service than the session's");
        }
        Instant expiresAt = expiry(practices.terms(command.practiceId()), now, session.start());
        entry.execute(e -> e.offer(command.offerId(), expiresAt, now));
        String patientId = entry.invoke(WaitlistEntry::patientId);
        seats.hold(command.groupSessionId(), command.offerId(), command.entryId(), patientId, expiresAt, now);
        OfferMadeEvent made = new OfferMadeEvent(command.offerId(), command.practiceId(), command.entryId(),
                patientId, session.serviceId(), session.providerId(), session.start(), session.end(),
                session.blockedUntil(), expiresAt, command.reason(), command.offerId(), List.of(),
                command.groupSessionId());
        offers.newInstance(() -> new Offer(made, deadlines));
        return command.offerId();
    }

    /** Held for the practice's offer hold, but never past the slot's start. */
    private static Instant expiry(PracticeTerms terms, Instant now, Instant start) {
        Instant held = now.plus(terms.settings().offerHold());
        return held.isBefore(start) ? held : start;
    }

    @CommandHandler
    String handle(AcceptOfferCommand command) throws Exception {
        Instant now = clock.instant();
        Aggregate<WaitlistEntry> entry = load(entries, entryOf(command.offerId()), "Waitlist entry");
        Aggregate<Offer> offer = load(offers, command.offerId(), "Offer");
        offer.execute(o -> o.requirePractice(command.practiceId()));
        offer.execute(o -> o.accept(command.appointmentId(), now));
        entry.execute(e -> e.fulfil(command.offerId(), command.appointmentId()));
        String groupSessionId = offer.invoke(Offer::groupSessionId);
        if (groupSessionId != null) {
            return takeSeat(command, offer, groupSessionId, now);
        }
        PracticeTerms terms = practices.terms(command.practiceId());
        ServiceTerms service = terms.service(offer.invoke(Offer::serviceId));
        BookingRequest request = new BookingRequest(command.appointmentId(), service, offer.invoke(Offer::start));
        String providerId = offer.invoke(Offer::providerId);
        String holdId = offer.invoke(Offer::holdId);
        Aggregate<ProviderSchedule> schedule = load(schedules, providerId, "Provider");
        if (offer.invoke(Offer::broadcast)) {
            // the first of a broadcast's offers to be accepted took the shared hold
            boolean held = schedule.invoke(s -> s.holds(holdId));
            offer.execute(o -> o.requireHoldStillHeld(held));
        }
        // the appointment takes the hold's place in the schedule
        schedule.execute(s -> s.reserve(request, terms, now, holdId));
        bookings.create(new AppointmentBookedEvent(command.appointmentId(), command.practiceId(),
                offer.invoke(Offer::patientId), providerId, service.serviceId(), request.start(), request.end(),
                request.blockedUntil(), AppointmentSource.WAITLIST, null, null));
        return command.appointmentId();
    }

    /** The seat the offer held becomes the patient's: an appointment of the session, like an enrolment's. */
    private String takeSeat(AcceptOfferCommand command, Aggregate<Offer> offer, String groupSessionId, Instant now)
            throws Exception {
        String patientId = offer.invoke(Offer::patientId);
        seats.take(groupSessionId, command.offerId(), command.appointmentId(), patientId, now);
        bookings.create(new AppointmentBookedEvent(command.appointmentId(), command.practiceId(), patientId,
                offer.invoke(Offer::providerId), offer.invoke(Offer::serviceId), offer.invoke(Offer::start),
                offer.invoke(Offer::end), offer.invoke(Offer::blockedUntil), AppointmentSource.WAITLIST, null, null,
                null, groupSessionId));
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
            offer.execute(o -> o.withdraw(OfferWithdrawnEvent.ENTRY_REMOVED));
            releaseUnlessShared(offer);
        }
    }

    /**
     * Withdraws a broadcast's offer whose slot another entry took, or a seat offer whose group session was
     * cancelled; its entry waits again. Sent by the waitlist matcher; nothing happens to an offer already answered,
     * expired or withdrawn.
     */
    @CommandHandler
    void handle(WithdrawOfferCommand command) {
        Aggregate<WaitlistEntry> entry = load(entries, entryOf(command.offerId()), "Waitlist entry");
        Aggregate<Offer> offer = load(offers, command.offerId(), "Offer");
        offer.execute(o -> o.requirePractice(command.practiceId()));
        if (offer.invoke(o -> o.withdraw(command.reason()))) {
            entry.execute(e -> e.returnToWaiting(command.offerId()));
        }
    }

    /**
     * Releases the offer's hold — a seat's in its session — unless it is a broadcast's shared hold: that one the
     * waitlist matcher releases once no offer of the broadcast is pending any more (ADR 5).
     */
    private void releaseUnlessShared(Aggregate<Offer> offer) {
        String groupSessionId = offer.invoke(Offer::groupSessionId);
        if (groupSessionId != null) {
            seats.release(groupSessionId, offer.invoke(Offer::holdId));
        } else if (!offer.invoke(Offer::broadcast)) {
            String holdId = offer.invoke(Offer::holdId);
            load(schedules, offer.invoke(Offer::providerId), "Provider").execute(s -> s.release(holdId));
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
        releaseUnlessShared(offer);
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
