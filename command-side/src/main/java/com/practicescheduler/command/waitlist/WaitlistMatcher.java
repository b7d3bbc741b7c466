package com.practicescheduler.command.waitlist;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.groupsession.GroupSessionCancelledEvent;
import com.practicescheduler.api.groupsession.GroupSessionScheduledEvent;
import com.practicescheduler.api.groupsession.ReleaseSeatHoldCommand;
import com.practicescheduler.api.groupsession.SeatFreedEvent;
import com.practicescheduler.api.groupsession.SeatHeldEvent;
import com.practicescheduler.api.groupsession.SeatHoldReleasedEvent;
import com.practicescheduler.api.provider.ReleaseHoldCommand;
import com.practicescheduler.api.provider.ReservationReleasedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.api.waitlist.MakeBroadcastOfferCommand;
import com.practicescheduler.api.waitlist.MakeOfferCommand;
import com.practicescheduler.api.waitlist.MakeSeatOfferCommand;
import com.practicescheduler.api.waitlist.OfferAcceptedEvent;
import com.practicescheduler.api.waitlist.OfferDeclinedEvent;
import com.practicescheduler.api.waitlist.OfferExpiredEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.OfferWithdrawnEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryFulfilledEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryOfferedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryRemovedEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryReturnedEvent;
import com.practicescheduler.api.waitlist.WithdrawOfferCommand;
import com.practicescheduler.command.common.Ids;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.provider.ScheduleReader;
import com.practicescheduler.command.provider.ScheduleView;
import com.practicescheduler.platform.DaemonThreads;
import com.practicescheduler.platform.audit.AuditMetadata;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.command.CommandSender;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The waitlist's process manager. Whenever a provider's time frees up — a cancellation or reschedule away (a
 * released reservation), a declined, withdrawn or expired offer (its hold released; for an expiry this process
 * records the release), removed time off, extended working hours — it offers the freed time to the best matching
 * entries, one offer per slot, until no entry can take any of it ({@link Matchmaker} chooses). A seat freed in a
 * group session (a seat's cancellation, or a seat offer declined, withdrawn or expired) goes to the best entry of the
 * session's service, one offer per seat. The aggregates still decide: a refused offer moves on to the next choice.
 *
 * <p>It keeps its own {@link MatchingModel} in the same processor, so what it knows is exactly the event stream up
 * to the event it reacts to, and it runs wherever the command side runs (no query bus needed). It reacts only to
 * live events: its processor starts as a replay up to the head of the stream, and a rebuild replays too, so no old
 * event ever makes an offer again.
 */
@Component
@ProcessingGroup(WaitlistMatcher.GROUP)
class WaitlistMatcher {

    static final String GROUP = "waitlist-matcher";
    /** Offers one freed span of time may lead to, at most (a removed week of time off, say). */
    static final int MAX_OFFERS = 50;
    /** Refusals by the aggregates tolerated while filling one span, at most. */
    static final int MAX_REFUSALS = 20;

    private static final Logger log = LoggerFactory.getLogger(WaitlistMatcher.class);

    private final MatchingModel model;
    private final PracticeDirectory practices;
    private final ScheduleReader schedules;
    private final CommandSender commands;
    private final Clock clock;
    private final EventStore eventStore;
    /** Sends commands outside the processor's unit of work and transaction: a refusal rolls back only itself. */
    private final ExecutorService sender =
            Executors.newSingleThreadExecutor(DaemonThreads.named("waitlist-matcher-commands"));

    WaitlistMatcher(MatchingModel model, PracticeDirectory practices, ScheduleReader schedules,
                    CommandSender commands, Clock clock, EventStore eventStore) {
        this.model = model;
        this.practices = practices;
        this.schedules = schedules;
        this.commands = commands;
        this.clock = clock;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(WaitlistEntryAddedEvent event, @Timestamp Instant addedAt, TrackingToken position) {
        model.added(event, addedAt, EventPositions.of(position));
    }

    @EventHandler
    void on(WaitlistEntryOfferedEvent event) {
        model.offered(event.entryId(), event.offerId(), event.expiresAt());
    }

    @EventHandler
    void on(WaitlistEntryReturnedEvent event) {
        model.returned(event.entryId(), event.offerId());
    }

    @EventHandler
    void on(WaitlistEntryFulfilledEvent event) {
        model.closed(event.entryId(), "FULFILLED");
    }

    @EventHandler
    void on(WaitlistEntryRemovedEvent event) {
        model.closed(event.entryId(), "REMOVED");
    }

    @EventHandler
    void on(OfferDeclinedEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        // an offer made alone: the hold's release follows in the same unit of work and triggers the next offer
        model.passed(event.entryId(), event.providerId(), new TimeRange(event.start(), event.blockedUntil()),
                Matchmaker.Outcome.DECLINED);
        if (!replay.isReplay()) {
            releaseSharedHoldWhenDone(made(event.offerId()), cause);
        }
    }

    /** A broadcast's offer was accepted: the others are withdrawn, their entries wait again. */
    @EventHandler
    void on(OfferAcceptedEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (replay.isReplay()) {
            return;
        }
        OfferMadeEvent made = made(event.offerId());
        if (made == null || !made.broadcast()) {
            return;
        }
        made.broadcastOfferIds().stream()
                .filter(other -> !other.equals(event.offerId()) && pending(other))
                .forEach(other -> sendQuietly(new WithdrawOfferCommand(other, event.practiceId(),
                        OfferWithdrawnEvent.SLOT_TAKEN), event.practiceId(), cause,
                        "A broadcast's other offer could not be withdrawn"));
    }

    /** A broadcast's offer withdrawn because its entry was removed may leave the shared hold to release. */
    @EventHandler
    void on(OfferWithdrawnEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (!replay.isReplay() && !OfferWithdrawnEvent.SLOT_TAKEN.equals(event.reason())) {
            releaseSharedHoldWhenDone(made(event.offerId()), cause);
        }
    }

    @EventHandler
    void on(OfferExpiredEvent event, ReplayStatus replay, @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        model.passed(event.entryId(), event.providerId(), new TimeRange(event.start(), event.blockedUntil()),
                Matchmaker.Outcome.EXPIRED);
        if (!replay.isReplay()) {
            // the recorded release triggers the next offer; it does not depend on this node's clock agreeing that
            // the hold has run out
            OfferMadeEvent made = made(event.offerId());
            if (made != null && made.seat()) {
                sendQuietly(new ReleaseSeatHoldCommand(made.groupSessionId(), event.practiceId(), event.offerId()),
                        event.practiceId(), cause, "An expired offer's seat hold could not be released");
                return;
            }
            String holdId = made != null ? made.holdId() : event.offerId();
            sendQuietly(new ReleaseHoldCommand(event.providerId(), event.practiceId(), holdId), event.practiceId(),
                    cause, "An expired offer's hold could not be released");
        }
    }

    @EventHandler
    void on(ReservationReleasedEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (!replay.isReplay()) {
            fill(event.practiceId(), event.providerId(), List.of(new TimeRange(event.start(), event.blockedUntil())),
                    cause);
        }
    }

    @EventHandler
    void on(TimeOffRemovedEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (!replay.isReplay()) {
            fill(event.practiceId(), event.providerId(), List.of(new TimeRange(event.start(), event.end())), cause);
        }
    }

    @EventHandler
    void on(WorkingHoursSetEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        List<WeeklyInterval> before = model.replaceHours(event.providerId(), event.weekly());
        if (!replay.isReplay()) {
            PracticeTerms terms = practices.terms(event.practiceId());
            LocalDate today = clock.instant().atZone(terms.zone()).toLocalDate();
            List<TimeRange> added = FreedTime.addedHours(before, event.weekly(), terms.zone(), today,
                    today.plusDays(terms.settings().bookingHorizonDays()));
            if (!added.isEmpty()) {
                fill(event.practiceId(), event.providerId(), added, cause);
            }
        }
    }

    /** A seat's appointment was cancelled: the seat goes to the best entry of the session's service. */
    @EventHandler
    void on(SeatFreedEvent event, ReplayStatus replay, @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (!replay.isReplay()) {
            fillSeat(event.practiceId(), event.groupSessionId(), cause);
        }
    }

    /** A seat offer was declined, its entry removed or it expired: the seat goes to the next best entry. */
    @EventHandler
    void on(SeatHoldReleasedEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (!replay.isReplay() && !event.taken()) {
            fillSeat(event.practiceId(), event.groupSessionId(), cause);
        }
    }

    /** A cancelled session's seat offers are withdrawn; their entries wait again. */
    @EventHandler
    void on(GroupSessionCancelledEvent event, ReplayStatus replay,
            @MetaDataValue(AuditMetadata.CORRELATION_ID) String cause) {
        if (replay.isReplay()) {
            return;
        }
        heldSeats(event.groupSessionId()).stream().filter(this::pending)
                .forEach(offerId -> sendQuietly(new WithdrawOfferCommand(offerId, event.practiceId(),
                        OfferWithdrawnEvent.SESSION_CANCELLED), event.practiceId(), cause,
                        "A cancelled session's seat offer could not be withdrawn"));
    }

    @ResetHandler
    void reset() {
        model.clear();
    }

    /**
     * Offers {@code freed} time of the provider to the best entries, one slot after another: the system's action,
     * tied to the correlation id of what freed the time.
     */
    private void fill(String practiceId, String providerId, List<TimeRange> freed, String cause) {
        // what the model knows stays as it is while this event is handled: read it once
        List<Matchmaker.Open> open = model.open(practiceId, clock.instant());
        if (open.stream().allMatch(Matchmaker.Open::offerPending)) {
            return; // nobody waits: the provider's schedule need not be read (most cancellations of most practices)
        }
        Map<String, List<Matchmaker.Passed>> passed = model.passedSlots(providerId, clock.instant());
        Map<String, Set<Instant>> refused = new HashMap<>();
        Set<String> offeredNow = new HashSet<>();
        int offers = 0;
        int refusals = 0;
        while (offers < MAX_OFFERS && refusals < MAX_REFUSALS) {
            ScheduleView schedule = schedules.read(providerId);
            if (!practiceId.equals(schedule.practiceId())) {
                return;
            }
            List<Matchmaker.Open> queue = open.stream()
                    .map(e -> offeredNow.contains(e.entryId()) ? e.withPendingOffer() : e)
                    .toList();
            PracticeTerms terms = practices.terms(practiceId);
            Matchmaker.Situation situation = new Matchmaker.Situation(providerId, schedule, terms, freed,
                    clock.instant(), queue, passed, refused);
            Optional<Matchmaker.Choice> choice = Matchmaker.choose(situation);
            if (choice.isEmpty()) {
                return;
            }
            Matchmaker.Choice chosen = choice.get();
            int perSlot = terms.settings().offersPerSlot();
            List<Matchmaker.Choice> also = perSlot > 1 ? Matchmaker.alsoFor(situation, chosen, perSlot - 1)
                    : List.of();
            try {
                if (also.isEmpty()) {
                    send(new MakeOfferCommand(Ids.next(), practiceId, chosen.entry().entryId(), providerId,
                            chosen.start(), chosen.reason()), practiceId, cause);
                } else {
                    send(broadcast(practiceId, providerId, chosen, also), practiceId, cause);
                    also.forEach(other -> offeredNow.add(other.entry().entryId()));
                }
                offeredNow.add(chosen.entry().entryId());
                offers++;
            } catch (Refusal refusal) {
                // taken meanwhile, or the entry changed: the next round chooses again without this start
                refused.computeIfAbsent(chosen.entry().entryId(), id -> new HashSet<>()).add(chosen.start());
                refusals++;
                log.debug("Waitlist offer refused ({}); choosing again", refusal.rejection().code());
            }
        }
    }

    /**
     * Offers the freed seat of a group session to the best entry of its service, if the session is still ahead:
     * one seat, one offer. A refusal for that entry (it changed meanwhile) moves on to the next; a refusal for the
     * seat (taken, or the session cancelled or begun) ends the round.
     */
    private void fillSeat(String practiceId, String groupSessionId, String cause) {
        GroupSessionScheduledEvent scheduled = scheduled(groupSessionId);
        if (scheduled == null || !practiceId.equals(scheduled.practiceId())
                || !clock.instant().isBefore(scheduled.start())) {
            return;
        }
        List<Matchmaker.Open> open = model.open(practiceId, clock.instant());
        if (open.stream().allMatch(Matchmaker.Open::offerPending)) {
            return;
        }
        Matchmaker.Seat seat = new Matchmaker.Seat(groupSessionId, scheduled.providerId(), scheduled.serviceId(),
                scheduled.start(), scheduled.end());
        Map<String, List<Matchmaker.Passed>> passed = model.passedSlots(seat.providerId(), clock.instant());
        Map<String, Set<Instant>> refused = new HashMap<>();
        for (int refusals = 0; refusals < MAX_REFUSALS; refusals++) {
            Optional<Matchmaker.Choice> choice = Matchmaker.choose(Matchmaker.Situation.seat(seat,
                    practices.terms(practiceId), clock.instant(), open, passed, refused));
            if (choice.isEmpty()) {
                return;
            }
            Matchmaker.Choice chosen = choice.get();
            try {
                send(new MakeSeatOfferCommand(Ids.next(), practiceId, chosen.entry().entryId(), groupSessionId,
                        chosen.reason()), practiceId, cause);
                return;
            } catch (Refusal refusal) {
                ErrorCode code = refusal.rejection().code();
                if (code == ErrorCode.SESSION_FULL || code == ErrorCode.INVALID_TRANSITION
                        || code == ErrorCode.IN_THE_PAST) {
                    log.debug("Seat offer refused ({}); the seat is gone", code);
                    return;
                }
                refused.computeIfAbsent(chosen.entry().entryId(), id -> new HashSet<>()).add(seat.start());
                log.debug("Seat offer refused ({}); choosing again", code);
            }
        }
    }

    /** One slot offered to the chosen entry and the others at once, each reason saying so. */
    private static MakeBroadcastOfferCommand broadcast(String practiceId, String providerId, Matchmaker.Choice chosen,
                                                       List<Matchmaker.Choice> also) {
        List<Matchmaker.Choice> all = new ArrayList<>(List.of(chosen));
        all.addAll(also);
        String note = "broadcast: offered to " + all.size() + " entries at once under one hold; the first to accept"
                + " books it";
        List<MakeBroadcastOfferCommand.Member> members = all.stream().map(choice -> {
            OfferReason reason = choice.reason();
            List<String> criteria = new ArrayList<>(reason.criteria());
            criteria.add(note);
            return new MakeBroadcastOfferCommand.Member(Ids.next(), choice.entry().entryId(),
                    new OfferReason(reason.madeBy(), reason.rank(), reason.candidates(), criteria, reason.skipped()));
        }).toList();
        return new MakeBroadcastOfferCommand(Ids.next(), practiceId, providerId, chosen.start(), members);
    }

    /**
     * The offer as it was made, read from its first event (an offer's stream starts with it), or null. The matcher
     * learns a broadcast's shared hold and its other offers here.
     */
    private OfferMadeEvent made(String offerId) {
        DomainEventStream stream = eventStore.readEvents(offerId, 0);
        return stream.hasNext() && stream.next().getPayload() instanceof OfferMadeEvent made ? made : null;
    }

    /** The session as it was scheduled, read from its first event, or null. */
    private GroupSessionScheduledEvent scheduled(String groupSessionId) {
        DomainEventStream stream = eventStore.readEvents(groupSessionId, 0);
        return stream.hasNext() && stream.next().getPayload() instanceof GroupSessionScheduledEvent scheduled
                ? scheduled : null;
    }

    /** The offers whose seat hold in the session was never released, from the session's stream. */
    private Set<String> heldSeats(String groupSessionId) {
        Set<String> held = new LinkedHashSet<>();
        eventStore.readEvents(groupSessionId, 0).asStream().map(EventMessage::getPayload).forEach(payload -> {
            if (payload instanceof SeatHeldEvent hold) {
                held.add(hold.offerId());
            } else if (payload instanceof SeatHoldReleasedEvent release) {
                held.remove(release.offerId());
            }
        });
        return held;
    }

    /** Whether the offer is still pending: no event after the one that made it. */
    private boolean pending(String offerId) {
        DomainEventStream stream = eventStore.readEvents(offerId, 1);
        return !stream.hasNext();
    }

    /**
     * Once no offer of a broadcast is pending any more (each was declined, withdrawn as its entry was removed, or
     * expired), releases the shared hold, which frees the slot for the next round of offers. The offers' own
     * commands never release a shared hold; reading the others' streams (not this processor's position in the
     * stream) means that the last of two answers arriving together always sees the first.
     */
    private void releaseSharedHoldWhenDone(OfferMadeEvent made, String cause) {
        if (made == null || !made.broadcast()) {
            return;
        }
        if (made.broadcastOfferIds().stream().noneMatch(this::pending)) {
            sendQuietly(new ReleaseHoldCommand(made.providerId(), made.practiceId(), made.holdId()),
                    made.practiceId(), cause, "A broadcast's hold could not be released");
        }
    }

    private void sendQuietly(Object command, String practiceId, String cause, String failure) {
        try {
            send(command, practiceId, cause);
        } catch (Refusal refusal) {
            log.warn("{} ({})", failure, refusal.rejection().code());
        }
    }

    private void send(Object command, String practiceId, String cause) {
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(AuditMetadata.system(practiceId, cause));
        try {
            sender.submit(() -> commands.dispatch(message)).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("Could not send the matcher's command", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending the matcher's command", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("The matcher's command took longer than 30 s", e);
        }
    }

    @PreDestroy
    void stop() {
        sender.shutdownNow();
    }
}
