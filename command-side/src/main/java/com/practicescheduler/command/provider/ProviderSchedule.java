package com.practicescheduler.command.provider;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.provider.AddTimeOffCommand;
import com.practicescheduler.api.provider.HoldPlacedEvent;
import com.practicescheduler.api.provider.ProviderRegisteredEvent;
import com.practicescheduler.api.provider.RegisterProviderCommand;
import com.practicescheduler.api.provider.ReleaseHoldCommand;
import com.practicescheduler.api.provider.RemoveTimeOffCommand;
import com.practicescheduler.api.provider.ReservationReleasedEvent;
import com.practicescheduler.api.provider.SetWorkingHoursCommand;
import com.practicescheduler.api.provider.TimeOffAddedEvent;
import com.practicescheduler.api.provider.TimeOffRemovedEvent;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.TimeReservedEvent;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.provider.WorkingHoursSetEvent;
import com.practicescheduler.command.practice.PracticeDirectory;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.platform.Port;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One provider's time: working hours, time off and every reservation (appointments and waitlist holds). All of a
 * provider's time decisions go through this one aggregate, so the event store's optimistic concurrency on its
 * sequence numbers makes double booking impossible on any number of nodes, with the JDBC event store or Axon
 * Server alike.
 *
 * <p>Its stream grows with every booking, so it is loaded from a snapshot of these fields (JSON, revision 1; a
 * snapshot of another revision is ignored) plus the events since: {@link ProviderScheduleSnapshots}, ADR 8.
 * Change the fields and the revision goes up.
 */
@Port("the one decision every booking, reschedule and hold goes through, in the caller's unit of work")
@Aggregate(repository = ProviderScheduleCaching.REPOSITORY, snapshotTriggerDefinition = ProviderScheduleSnapshots.TRIGGER,
        snapshotFilter = ProviderScheduleSnapshots.FILTER)
@Revision(ProviderScheduleSnapshots.REVISION)
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE, setterVisibility = JsonAutoDetect.Visibility.NONE)
public class ProviderSchedule {

    /**
     * Reservations that ended this long before a new one was decided are forgotten: nothing can be booked in the
     * past. Measured from the decision's own instant ({@link TimeReservedEvent#decidedAt()}), never from the real
     * date.
     */
    private static final Duration FORGET_AFTER = Duration.ofDays(2);

    @AggregateIdentifier
    private String providerId;
    private String practiceId;
    private Set<String> serviceIds = Set.of();
    private List<WeeklyInterval> weekly = List.of();
    private Map<String, TimeRange> timeOff = new HashMap<>();
    private Map<String, TimeRange> reservations = new HashMap<>();
    /** Reservations that are waitlist holds, with the instant they stop blocking. */
    private Map<String, Instant> holdExpiry = new HashMap<>();
    /** {@link #reservations} by start; not part of the snapshot, built again on first use after a load. */
    private transient ReservationIndex index;

    protected ProviderSchedule() {
        // for Axon
    }

    @CommandHandler
    ProviderSchedule(RegisterProviderCommand command, PracticeDirectory practices) {
        PracticeTerms terms = practices.terms(command.practiceId());
        command.serviceIds().forEach(terms::service);
        apply(new ProviderRegisteredEvent(command.providerId(), command.practiceId(), command.displayName(),
                List.copyOf(new LinkedHashSet<>(command.serviceIds()))));
    }

    @CommandHandler
    void handle(SetWorkingHoursCommand command) {
        requirePractice(command.practiceId());
        apply(new WorkingHoursSetEvent(providerId, practiceId, List.copyOf(command.weekly())));
    }

    @CommandHandler
    String handle(AddTimeOffCommand command, Clock clock) {
        requirePractice(command.practiceId());
        TimeRange range = new TimeRange(command.start(), command.end());
        List<String> conflicting = activeReservations(clock.instant()).entrySet().stream()
                .filter(entry -> entry.getValue().overlaps(range))
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (!conflicting.isEmpty()) {
            throw new Refusal(ErrorCode.CONFLICTS_WITH_APPOINTMENTS,
                    "The time off overlaps booked appointments", conflicting);
        }
        apply(new TimeOffAddedEvent(providerId, practiceId, command.timeOffId(), command.start(), command.end(),
                command.reason()));
        return command.timeOffId();
    }

    @CommandHandler
    void handle(RemoveTimeOffCommand command) {
        requirePractice(command.practiceId());
        TimeRange range = timeOff.get(command.timeOffId());
        if (range == null) {
            throw Refusal.notFound("Time off " + command.timeOffId());
        }
        apply(new TimeOffRemovedEvent(providerId, practiceId, command.timeOffId(), range.start(), range.end()));
    }

    @CommandHandler
    void handle(ReleaseHoldCommand command) {
        requirePractice(command.practiceId());
        if (holdExpiry.containsKey(command.holdId())) {
            release(command.holdId());
        }
    }

    /** Refuses with {@code not-found} unless this schedule belongs to {@code practiceId}. */
    public void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Provider " + providerId);
        }
    }

    /**
     * Reserves the time of {@code request} if {@link BookingPolicy} allows it.
     *
     * @param replacing a reservation of this schedule that the new one replaces (a reschedule), or null
     */
    public void reserve(BookingRequest request, PracticeTerms terms, Instant now, String replacing) {
        requirePractice(terms.practiceId());
        BookingPolicy.check(request, terms.settings(), now, serviceIds, weekly, timeOff.values(),
                blocked -> taken(blocked, now, replacing));
        if (replacing != null) {
            release(replacing);
        }
        apply(new TimeReservedEvent(providerId, practiceId, request.reservationId(), request.start(),
                request.blockedUntil(), now));
    }

    /**
     * Why {@link #reserve} would refuse {@code request} now, or null if it would reserve it: how a series decides
     * each occurrence by the same rules without giving up on the first that cannot be booked.
     */
    public ErrorCode refusalFor(BookingRequest request, PracticeTerms terms, Instant now) {
        try {
            BookingPolicy.check(request, terms.settings(), now, serviceIds, weekly, timeOff.values(),
                    blocked -> taken(blocked, now, null));
            return null;
        } catch (Refusal refused) {
            return refused.code();
        }
    }

    /**
     * Holds the time of {@code request} for a waitlist offer until {@code expiresAt}, if {@link BookingPolicy}
     * allows booking it: a hold and a booking can never overlap.
     */
    public void placeHold(BookingRequest request, PracticeTerms terms, Instant now, Instant expiresAt) {
        requirePractice(terms.practiceId());
        BookingPolicy.check(request, terms.settings(), now, serviceIds, weekly, timeOff.values(),
                blocked -> taken(blocked, now, null));
        apply(new HoldPlacedEvent(providerId, practiceId, request.reservationId(), request.start(),
                request.blockedUntil(), expiresAt));
    }

    /** Whether a reservation other than {@code ignoring} that blocks time at {@code now} overlaps {@code blocked}. */
    private boolean taken(TimeRange blocked, Instant now, String ignoring) {
        return index().anyOverlapping(blocked, id -> !id.equals(ignoring)
                && (!holdExpiry.containsKey(id) || now.isBefore(holdExpiry.get(id))));
    }

    private ReservationIndex index() {
        if (index == null) {
            index = ReservationIndex.of(reservations);
        }
        return index;
    }

    /** Reservations that block time at {@code now}: every appointment, and holds not yet expired. */
    private Map<String, TimeRange> activeReservations(Instant now) {
        return ScheduleView.active(reservations, holdExpiry, now);
    }

    /** A copy of this schedule's state, for reading without holding its lock ({@link ScheduleReader}). */
    ScheduleView view() {
        return new ScheduleView(practiceId, serviceIds, weekly, List.copyOf(timeOff.values()), reservations,
                holdExpiry);
    }

    /**
     * A copy of the stored fields that later events of this schedule do not change: what a snapshot serializes
     * ({@link ProviderScheduleSnapshots}). The maps are copied; the rest is immutable.
     */
    ProviderSchedule snapshotCopy() {
        ProviderSchedule copy = new ProviderSchedule();
        copy.providerId = providerId;
        copy.practiceId = practiceId;
        copy.serviceIds = serviceIds;
        copy.weekly = weekly;
        copy.timeOff = new HashMap<>(timeOff);
        copy.reservations = new HashMap<>(reservations);
        copy.holdExpiry = new HashMap<>(holdExpiry);
        return copy;
    }

    /** Whether {@code reservationId} already holds time here (a repeated booking). */
    public boolean holds(String reservationId) {
        return reservations.containsKey(reservationId);
    }

    /** Frees the time of a reservation; nothing happens if it is not (or no longer) held. */
    public void release(String reservationId) {
        TimeRange range = reservations.get(reservationId);
        if (range != null) {
            apply(new ReservationReleasedEvent(providerId, practiceId, reservationId, range.start(), range.end()));
        }
    }

    @EventSourcingHandler
    void on(ProviderRegisteredEvent event) {
        providerId = event.providerId();
        practiceId = event.practiceId();
        serviceIds = Set.copyOf(event.serviceIds());
    }

    @EventSourcingHandler
    void on(WorkingHoursSetEvent event) {
        weekly = List.copyOf(event.weekly());
    }

    @EventSourcingHandler
    void on(TimeOffAddedEvent event) {
        timeOff.put(event.timeOffId(), new TimeRange(event.start(), event.end()));
    }

    @EventSourcingHandler
    void on(TimeOffRemovedEvent event) {
        timeOff.remove(event.timeOffId());
    }

    @EventSourcingHandler
    void on(TimeReservedEvent event, @Timestamp Instant recordedAt) {
        Instant decidedAt = event.decidedAt() != null ? event.decidedAt() : recordedAt;
        for (String ended : index().removeEndedBefore(decidedAt.minus(FORGET_AFTER))) {
            reservations.remove(ended);
            holdExpiry.remove(ended);
        }
        put(event.reservationId(), new TimeRange(event.start(), event.blockedUntil()));
    }

    @EventSourcingHandler
    void on(HoldPlacedEvent event) {
        put(event.holdId(), new TimeRange(event.start(), event.blockedUntil()));
        holdExpiry.put(event.holdId(), event.expiresAt());
    }

    @EventSourcingHandler
    void on(ReservationReleasedEvent event) {
        TimeRange released = reservations.remove(event.reservationId());
        if (released != null) {
            index().remove(event.reservationId(), released);
        }
        holdExpiry.remove(event.reservationId());
    }

    private void put(String reservationId, TimeRange range) {
        TimeRange replaced = reservations.put(reservationId, range);
        if (replaced != null) {
            index().remove(reservationId, replaced);
        }
        index().add(reservationId, range);
    }
}
