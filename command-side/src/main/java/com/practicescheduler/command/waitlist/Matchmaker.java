package com.practicescheduler.command.waitlist;

import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.waitlist.OfferReason;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.BookingRequest;
import com.practicescheduler.command.provider.ScheduleView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Chooses who is offered freed time of one provider, and says why. The best open entry first — priority, then
 * longest waiting — that can take a slot: a start on the practice's grid where its service (buffer included)
 * fits the provider's free time and touches the freed time, inside its dates and preferred windows, a slot it
 * has not passed on before; entries with a pending offer, or whose patient has one, are skipped. A seat freed in a
 * group session goes the same way to the best entry of the session's service whose dates, windows and providers
 * the session fits. A pure function of what it is given; the aggregates still decide.
 *
 * <p>Over 250 lines on purpose: one decision with its inputs and the reasons it gives, whose checks run in the
 * order {@link Reached} names; apart, they would have to be read side by side.
 */
final class Matchmaker {

    /** Reasons listed for skipped entries, at most. */
    static final int MAX_SKIPPED_LISTED = 20;

    private Matchmaker() {
    }

    /** How an entry let a slot go. */
    enum Outcome {
        DECLINED, EXPIRED
    }

    /** A slot an entry let go, as the time it blocked. */
    record Passed(TimeRange slot, Outcome outcome) {
    }

    /** An entry that is waiting or has an offer, in queue order; {@code offerPending} while its offer holds. */
    record Open(String entryId, String patientId, String serviceId, List<String> providerIds,
                List<WeeklyInterval> windows, LocalDate notBefore, LocalDate notAfter, WaitlistPriority priority,
                Instant waitingSince, boolean offerPending) {

        /** The entry as it is once an offer made to it is recorded. */
        Open withPendingOffer() {
            return new Open(entryId, patientId, serviceId, providerIds, windows, notBefore, notAfter, priority,
                    waitingSince, true);
        }
    }

    /**
     * Everything the choice depends on.
     *
     * @param queue    the practice's open entries, best-placed first
     * @param passed   by entry, the slots of this provider it declined or let expire
     * @param refused  starts by entry that the aggregates refused during this round: not tried again
     */
    record Situation(String providerId, ScheduleView schedule, PracticeTerms terms, List<TimeRange> freed,
                     Instant now, List<Open> queue, Map<String, List<Passed>> passed,
                     Map<String, Set<Instant>> refused, Seat seat) {

        /** Freed time of the provider, to be offered as slots. */
        Situation(String providerId, ScheduleView schedule, PracticeTerms terms, List<TimeRange> freed, Instant now,
                  List<Open> queue, Map<String, List<Passed>> passed, Map<String, Set<Instant>> refused) {
            this(providerId, schedule, terms, freed, now, queue, passed, refused, null);
        }

        /**
         * A freed seat of a group session, to be offered to an entry of the session's service: no schedule is
         * consulted (the session holds the provider's time; the session decides its seats).
         */
        static Situation seat(Seat seat, PracticeTerms terms, Instant now, List<Open> queue,
                              Map<String, List<Passed>> passed, Map<String, Set<Instant>> refused) {
            return new Situation(seat.providerId(), null, terms, List.of(new TimeRange(seat.start(), seat.end())),
                    now, queue, passed, refused, seat);
        }
    }

    /** A seat freed in the group session {@code groupSessionId}, which runs [start, end) with the provider. */
    record Seat(String groupSessionId, String providerId, String serviceId, Instant start, Instant end) {
    }

    record Choice(Open entry, Instant start, OfferReason reason) {
    }

    /** How far a start got through the checks, in order; an entry that finds no slot is explained by its best. */
    private enum Reached {
        NO_START("the service does not fit the freed time"),
        OUTSIDE_DATES("the freed time is outside its dates"),
        OUTSIDE_WINDOWS("the freed time is outside its preferred windows"),
        DECLINED("declined this slot before"),
        EXPIRED("let an offer of this slot expire before"),
        REFUSED("the offer was refused just now"),
        NOT_FREE("the service does not fit the provider's free time");

        private final String why;

        Reached(String why) {
            this.why = why;
        }
    }

    static Optional<Choice> choose(Situation situation) {
        return new Round(situation).choose();
    }

    /**
     * For a broadcast: up to {@code more} further entries, best-placed first, that can take the very slot
     * {@code first} chose (same service, same start, every check of a choice passed), one per patient.
     */
    static List<Choice> alsoFor(Situation situation, Choice first, int more) {
        return new Round(situation).alsoFor(first, more);
    }

    /** One evaluation, with the starts and free checks it computed kept for reuse across entries. */
    private static final class Round {

        private final Situation s;
        private final ZoneId zone;
        private final Instant horizon;
        private final Map<String, List<Instant>> startsByService = new HashMap<>();
        private final Map<String, Map<Instant, Boolean>> freeByService = new HashMap<>();

        private Round(Situation situation) {
            this.s = situation;
            this.zone = situation.terms().zone();
            this.horizon = situation.now().plus(Duration.ofDays(situation.terms().settings().bookingHorizonDays()));
        }

        Optional<Choice> choose() {
            Set<String> patientsWithOffers = new HashSet<>();
            s.queue().stream().filter(Open::offerPending).forEach(e -> patientsWithOffers.add(e.patientId()));
            Map<String, Integer> nextRank = new HashMap<>();
            Open chosen = null;
            Instant chosenStart = null;
            Integer chosenRank = null;
            int candidates = 0;
            List<String> skipped = new ArrayList<>();
            int skippedUnlisted = 0;
            for (Open entry : s.queue()) {
                Integer rank = entry.offerPending() ? null : nextRank.merge(entry.serviceId(), 1, Integer::sum);
                ServiceTerms service = s.terms().services().get(entry.serviceId());
                if (!inQueue(entry, service)) {
                    continue;
                }
                String miss = null;
                Instant start = null;
                if (entry.offerPending()) {
                    miss = "has a pending offer";
                } else if (patientsWithOffers.contains(entry.patientId())) {
                    miss = "the patient has a pending offer for another entry";
                } else if (!entry.providerIds().isEmpty() && !entry.providerIds().contains(s.providerId())) {
                    miss = "this provider is not among its choices";
                } else {
                    Slot slot = s.seat() != null ? seatSlot(entry, service) : firstSlot(entry, service);
                    start = slot.start();
                    miss = slot.start() == null ? slot.reached().why : null;
                }
                if (miss == null) {
                    candidates++;
                    if (chosen == null) {
                        chosen = entry;
                        chosenStart = start;
                        chosenRank = rank;
                    }
                } else if (chosen == null) {
                    if (skipped.size() < MAX_SKIPPED_LISTED) {
                        skipped.add("entry " + entry.entryId() + " (" + entry.priority() + "): " + miss);
                    } else {
                        skippedUnlisted++;
                    }
                }
            }
            if (chosen == null) {
                return Optional.empty();
            }
            if (skippedUnlisted > 0) {
                skipped.add("and " + skippedUnlisted + " more");
            }
            ServiceTerms service = s.terms().service(chosen.serviceId());
            return Optional.of(new Choice(chosen, chosenStart, new OfferReason("MATCHER", chosenRank, candidates,
                    criteria(chosen, service, chosenStart), List.copyOf(skipped))));
        }

        List<Choice> alsoFor(Choice first, int more) {
            ServiceTerms service = s.terms().service(first.entry().serviceId());
            Set<String> patientsWithOffers = new HashSet<>(Set.of(first.entry().patientId()));
            s.queue().stream().filter(Open::offerPending).forEach(e -> patientsWithOffers.add(e.patientId()));
            Map<String, Integer> nextRank = new HashMap<>();
            List<Choice> also = new ArrayList<>();
            for (Open entry : s.queue()) {
                Integer rank = entry.offerPending() ? null : nextRank.merge(entry.serviceId(), 1, Integer::sum);
                if (also.size() == more) {
                    break;
                }
                boolean eligible = !entry.entryId().equals(first.entry().entryId()) && !entry.offerPending()
                        && entry.serviceId().equals(service.serviceId())
                        && !patientsWithOffers.contains(entry.patientId())
                        && (entry.providerIds().isEmpty() || entry.providerIds().contains(s.providerId()));
                if (eligible && check(entry, service, first.start()) == null) {
                    patientsWithOffers.add(entry.patientId());
                    also.add(new Choice(entry, first.start(), new OfferReason("MATCHER", rank,
                            first.reason().candidates(), criteria(entry, service, first.start()), List.of())));
                }
            }
            return also;
        }

        private record Slot(Instant start, Reached reached) {
        }

        /**
         * Whether the entry waits for what is offered: for freed time, an entry of a service the provider offers,
         * not a group service (those wait for a seat); for a seat, an entry of the session's service.
         */
        private boolean inQueue(Open entry, ServiceTerms service) {
            if (service == null) {
                return false;
            }
            return s.seat() != null ? service.serviceId().equals(s.seat().serviceId())
                    : !service.group() && s.schedule().offers(entry.serviceId());
        }

        /** The seat's start, if the entry can take it, else how far it got. */
        private Slot seatSlot(Open entry, ServiceTerms service) {
            Reached reached = check(entry, service, s.seat().start());
            return reached == null ? new Slot(s.seat().start(), null) : new Slot(null, reached);
        }

        /** The entry's earliest start that passes every check, or how far its best start got. */
        private Slot firstSlot(Open entry, ServiceTerms service) {
            Reached best = Reached.NO_START;
            for (Instant start : starts(service)) {
                Reached reached = check(entry, service, start);
                if (reached == null) {
                    return new Slot(start, null);
                }
                best = reached.compareTo(best) > 0 ? reached : best;
            }
            return new Slot(null, best);
        }

        /** Null when the entry can take the slot at {@code start}, else the check it stopped at. */
        private Reached check(Open entry, ServiceTerms service, Instant start) {
            List<Passed> passed = s.passed().getOrDefault(entry.entryId(), List.of());
            if (!withinDates(entry, start)) {
                return Reached.OUTSIDE_DATES;
            } else if (!entry.windows().isEmpty() && window(entry, service, start).isEmpty()) {
                return Reached.OUTSIDE_WINDOWS;
            } else if (passedOn(passed, service, start).isPresent()) {
                return passedOn(passed, service, start).get() == Outcome.DECLINED ? Reached.DECLINED
                        : Reached.EXPIRED;
            } else if (s.refused().getOrDefault(entry.entryId(), Set.of()).contains(start)) {
                return Reached.REFUSED;
            } else if (!free(service, start)) {
                return Reached.NOT_FREE;
            }
            return null;
        }

        /** How the entry let go of a slot overlapping this one, if it did. */
        private static Optional<Outcome> passedOn(List<Passed> passed, ServiceTerms service, Instant start) {
            TimeRange blocked = new TimeRange(start, start.plus(service.duration()).plus(service.buffer()));
            return passed.stream().filter(p -> p.slot().overlaps(blocked)).map(Passed::outcome).findFirst();
        }

        /**
         * Starts on the grid, ahead and within the horizon, whose blocked time touches the freed time: first those
         * inside the freed time (the freed slot itself comes first), then those that begin before it, each in
         * time order.
         */
        private List<Instant> starts(ServiceTerms service) {
            return startsByService.computeIfAbsent(service.serviceId(), id -> {
                Duration blocked = service.duration().plus(service.buffer());
                int step = s.terms().settings().slotMinutes();
                NavigableSet<Instant> inside = new TreeSet<>();
                NavigableSet<Instant> before = new TreeSet<>();
                for (TimeRange freed : s.freed()) {
                    Instant after = freed.start().minus(blocked);
                    LocalDate last = freed.end().atZone(zone).toLocalDate();
                    for (LocalDate day = after.atZone(zone).toLocalDate(); !day.isAfter(last);
                         day = day.plusDays(1)) {
                        for (int minute = 0; minute < 24 * 60; minute += step) {
                            LocalDateTime local = LocalDateTime.of(day, LocalTime.of(minute / 60, minute % 60));
                            ZonedDateTime zoned = local.atZone(zone);
                            if (!zoned.toLocalDateTime().equals(local)) {
                                continue; // skipped as clocks went forward
                            }
                            Instant start = zoned.toInstant();
                            if (start.isAfter(after) && start.isBefore(freed.end()) && !start.isBefore(s.now())
                                    && !start.isAfter(horizon)) {
                                (start.isBefore(freed.start()) ? before : inside).add(start);
                            }
                        }
                    }
                }
                before.removeAll(inside);
                List<Instant> starts = new ArrayList<>(inside);
                starts.addAll(before);
                return starts;
            });
        }

        private boolean free(ServiceTerms service, Instant start) {
            if (s.seat() != null) {
                return true; // the session holds the provider's time; whether a seat is left, the session decides
            }
            return freeByService.computeIfAbsent(service.serviceId(), id -> new HashMap<>()).computeIfAbsent(start,
                    at -> s.schedule().allows(new BookingRequest("candidate", service, at), s.terms().settings(),
                            s.now()));
        }

        private boolean withinDates(Open entry, Instant start) {
            LocalDate date = start.atZone(zone).toLocalDate();
            return (entry.notBefore() == null || !date.isBefore(entry.notBefore()))
                    && (entry.notAfter() == null || !date.isAfter(entry.notAfter()));
        }

        /** The preferred window the appointment lies in, if any. */
        private Optional<WeeklyInterval> window(Open entry, ServiceTerms service, Instant start) {
            LocalDateTime from = start.atZone(zone).toLocalDateTime();
            LocalDateTime to = start.plus(service.duration()).atZone(zone).toLocalDateTime();
            return entry.windows().stream()
                    .filter(w -> w.dayOfWeek() == from.getDayOfWeek() && to.toLocalDate().equals(from.toLocalDate())
                            && !from.toLocalTime().isBefore(w.start()) && !to.toLocalTime().isAfter(w.end()))
                    .findFirst();
        }

        private List<String> criteria(Open entry, ServiceTerms service, Instant start) {
            List<String> criteria = new ArrayList<>();
            criteria.add(s.seat() != null
                    ? "a seat freed in group session " + s.seat().groupSessionId() + " of " + service.name()
                    + " (" + service.capacity() + " seats)"
                    : "service " + service.name() + " (" + service.durationMinutes() + " min, buffer "
                    + service.bufferMinutes() + " min) fits the freed time");
            criteria.add(entry.providerIds().isEmpty() ? "any provider who offers the service"
                    : "provider among the entry's choices");
            criteria.add(window(entry, service, start)
                    .map(w -> "inside preferred window " + w.dayOfWeek() + " " + w.start() + "-" + w.end())
                    .orElse("no preferred windows"));
            criteria.add(entry.notBefore() == null && entry.notAfter() == null ? "no date limits"
                    : "within its dates " + (entry.notBefore() == null ? "any" : entry.notBefore()) + " to "
                    + (entry.notAfter() == null ? "any" : entry.notAfter()));
            criteria.add("priority " + entry.priority() + ", waiting since " + entry.waitingSince());
            return criteria;
        }
    }
}
