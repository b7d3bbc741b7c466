package com.practicescheduler.command.waitlist;

import static java.time.DayOfWeek.FRIDAY;
import static java.time.DayOfWeek.MONDAY;
import static java.time.DayOfWeek.THURSDAY;
import static java.time.DayOfWeek.TUESDAY;
import static java.time.DayOfWeek.WEDNESDAY;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.OfferStrategy;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.provider.TimeRange;
import com.practicescheduler.api.provider.WeeklyInterval;
import com.practicescheduler.api.waitlist.WaitlistPriority;
import com.practicescheduler.command.practice.PracticeTerms;
import com.practicescheduler.command.practice.ServiceTerms;
import com.practicescheduler.command.provider.ScheduleView;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class MatchmakerTest {

    private static final String PROVIDER = "provider-1";
    private static final ServiceTerms THERAPY = new ServiceTerms("therapy", "Therapy", 50, 10, Modality.IN_PERSON);
    private static final ServiceTerms INTAKE = new ServiceTerms("intake", "Intake", 90, 0, Modality.IN_PERSON);
    private static final ServiceTerms GROUP = new ServiceTerms("group", "Group", 60, 0, Modality.IN_PERSON);
    private static final PracticeTerms TERMS = new PracticeTerms("practice-1",
            new PracticeSettings("America/New_York", 15, 24, Duration.ofHours(2), OfferStrategy.SEQUENTIAL, 180),
            Map.of("therapy", THERAPY, "intake", INTAKE, "group", GROUP));
    /** Monday 2026-11-23, 07:00 in New York. */
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    /** Tuesday 2026-12-01, 09:00–10:00 in New York: a cancelled 50+10 appointment. */
    private static final TimeRange FREED = range("2026-12-01T09:00", "2026-12-01T10:00");

    private final Map<String, TimeRange> reservations = new HashMap<>();
    private final Map<String, List<Matchmaker.Passed>> passed = new HashMap<>();
    /** The practice's open entries in queue order. */
    private final List<Entry> queue = new ArrayList<>();
    private Set<String> services = Set.of("therapy", "intake");

    @Test
    void offersTheFreedSlotToTheHighestPriorityThenTheLongestWaiting() {
        queue.add(entry("high-older", WaitlistPriority.HIGH, 2));
        queue.add(entry("high-newer", WaitlistPriority.HIGH, 3));
        queue.add(entry("routine-oldest", WaitlistPriority.ROUTINE, 1));

        Matchmaker.Choice choice = choose(FREED).orElseThrow();

        assertThat(choice.entry().entryId()).isEqualTo("high-older");
        assertThat(choice.start()).isEqualTo(FREED.start());
        assertThat(choice.reason().madeBy()).isEqualTo("MATCHER");
        assertThat(choice.reason().rank()).isEqualTo(1);
        assertThat(choice.reason().candidates()).isEqualTo(3);
        assertThat(choice.reason().skipped()).isEmpty();
        assertThat(choice.reason().criteria()).containsExactly(
                "service Therapy (50 min, buffer 10 min) fits the freed time",
                "any provider who offers the service",
                "no preferred windows",
                "no date limits",
                "priority HIGH, waiting since 2026-11-02T00:00:00Z");
    }

    @Test
    void skipsEntriesThatCannotTakeTheSlotAndSaysWhy() {
        queue.add(entry("pending", WaitlistPriority.URGENT, 1).withPendingOffer());
        queue.add(entry("same-patient", WaitlistPriority.URGENT, 2).forPatient("patient-pending"));
        queue.add(entry("other-provider", WaitlistPriority.URGENT, 3).forProviders("provider-2"));
        queue.add(entry("fridays", WaitlistPriority.HIGH, 4).inWindows(new WeeklyInterval(FRIDAY,
                LocalTime.of(9, 0), LocalTime.of(17, 0))));
        queue.add(entry("december", WaitlistPriority.HIGH, 5).between(LocalDate.of(2026, 12, 2), null));
        queue.add(entry("intake", WaitlistPriority.HIGH, 6).forService("intake"));
        queue.add(entry("group", WaitlistPriority.HIGH, 7).forService("group"));
        queue.add(entry("declined", WaitlistPriority.HIGH, 8));
        queue.add(entry("chosen", WaitlistPriority.ROUTINE, 9));
        passed.put("declined", List.of(new Matchmaker.Passed(FREED, Matchmaker.Outcome.DECLINED)));
        reservations.put("next", range("2026-12-01T10:00", "2026-12-01T11:00"));

        Matchmaker.Choice choice = choose(FREED).orElseThrow();

        assertThat(choice.entry().entryId()).isEqualTo("chosen");
        assertThat(choice.reason().candidates()).isEqualTo(1);
        assertThat(choice.reason().rank()).as("behind the five waiting therapy entries before it").isEqualTo(6);
        assertThat(choice.reason().skipped()).containsExactly(
                "entry pending (URGENT): has a pending offer",
                "entry same-patient (URGENT): the patient has a pending offer for another entry",
                "entry other-provider (URGENT): this provider is not among its choices",
                "entry fridays (HIGH): the freed time is outside its preferred windows",
                "entry december (HIGH): the freed time is outside its dates",
                "entry intake (HIGH): the service does not fit the provider's free time",
                "entry declined (HIGH): declined this slot before");
    }

    @Test
    void entriesForAGroupServiceWaitForASeatNotForFreedTime() {
        ServiceTerms groupOfEight = new ServiceTerms("group", "DBT skills group", 60, 0, Modality.IN_PERSON, 8);
        PracticeTerms terms = new PracticeTerms("practice-1", TERMS.settings(),
                Map.of("therapy", THERAPY, "group", groupOfEight));
        services = Set.of();
        queue.add(entry("group", WaitlistPriority.URGENT, 1).forService("group"));
        queue.add(entry("therapy", WaitlistPriority.ROUTINE, 2));

        Matchmaker.Choice choice = choose(FREED, terms).orElseThrow();

        assertThat(choice.entry().entryId()).isEqualTo("therapy");
        assertThat(choice.reason().rank()).isEqualTo(1);
        assertThat(choice.reason().skipped()).as("another queue: nothing to explain").isEmpty();
    }

    @Test
    void aSlotThatOverlapsOneTheEntryLetExpireIsNotOfferedToItAgain() {
        queue.add(entry("expired", WaitlistPriority.URGENT, 1));
        passed.put("expired", List.of(new Matchmaker.Passed(range("2026-12-01T09:15", "2026-12-01T10:15"),
                Matchmaker.Outcome.EXPIRED)));

        assertThat(choose(FREED)).isEmpty();
    }

    @Test
    void prefersTheFreedSlotToEarlierStartsThatReachIntoIt() {
        queue.add(entry("any", WaitlistPriority.ROUTINE, 1));
        reservations.put("before", range("2026-12-01T09:00", "2026-12-01T10:00"));

        // 10:15 to 11:15 also became possible when 11:00 freed up, but 11:00 itself comes first
        TimeRange freed = range("2026-12-01T11:00", "2026-12-01T12:00");
        assertThat(choose(freed).orElseThrow().start()).isEqualTo(freed.start());

        reservations.put("after", range("2026-12-01T11:30", "2026-12-01T12:30"));
        assertThat(choose(freed).orElseThrow().start()).as("the freed slot no longer fits: the earliest that does")
                .isEqualTo(at("2026-12-01T10:15"));
    }

    @Test
    void keepsToThePreferredWindowInsideLongerFreedTime() {
        queue.add(entry("afternoons", WaitlistPriority.ROUTINE, 1).inWindows(new WeeklyInterval(TUESDAY,
                LocalTime.of(14, 0), LocalTime.of(16, 0))));

        Matchmaker.Choice choice = choose(range("2026-12-01T09:00", "2026-12-01T17:00")).orElseThrow();

        assertThat(choice.start()).isEqualTo(at("2026-12-01T14:00"));
        assertThat(choice.reason().criteria()).contains("inside preferred window TUESDAY 14:00-16:00");
    }

    @Test
    void offersNothingInThePastOrBeyondTheHorizon() {
        queue.add(entry("any", WaitlistPriority.ROUTINE, 1));

        assertThat(choose(range("2026-11-20T09:00", "2026-11-20T10:00"))).isEmpty();
        assertThat(choose(range("2027-06-01T09:00", "2027-06-01T10:00"))).isEmpty();
    }

    @Test
    void entriesForServicesTheProviderDoesNotOfferAreNotConsidered() {
        services = Set.of("therapy");
        queue.add(entry("intake", WaitlistPriority.URGENT, 1).forService("intake"));
        queue.add(entry("therapy", WaitlistPriority.ROUTINE, 2));

        Matchmaker.Choice choice = choose(FREED).orElseThrow();

        assertThat(choice.entry().entryId()).isEqualTo("therapy");
        assertThat(choice.reason().skipped()).isEmpty();
    }

    @Test
    void aBroadcastAlsoOffersTheChosenSlotItselfToTheNextEntriesThatCanTakeItOnePerPatient() {
        queue.add(entry("first", WaitlistPriority.HIGH, 1));
        queue.add(entry("afternoons", WaitlistPriority.ROUTINE, 2).inWindows(new WeeklyInterval(TUESDAY,
                LocalTime.of(14, 0), LocalTime.of(16, 0))));
        queue.add(entry("intake", WaitlistPriority.ROUTINE, 3).forService("intake"));
        queue.add(entry("second", WaitlistPriority.ROUTINE, 4));
        Entry samePatient = entry("same-patient", WaitlistPriority.ROUTINE, 5);
        queue.add(new Entry(new Matchmaker.Open("same-patient", "patient-second", "therapy", List.of(), List.of(),
                null, null, WaitlistPriority.ROUTINE, samePatient.open().waitingSince(), false)));
        queue.add(entry("third", WaitlistPriority.ROUTINE, 6));
        queue.add(entry("fourth", WaitlistPriority.ROUTINE, 7));
        Matchmaker.Situation situation = situation(FREED);
        Matchmaker.Choice first = Matchmaker.choose(situation).orElseThrow();

        List<Matchmaker.Choice> also = Matchmaker.alsoFor(situation, first, 2);

        assertThat(first.entry().entryId()).isEqualTo("first");
        assertThat(also).extracting(c -> c.entry().entryId()).containsExactly("second", "third");
        assertThat(also).extracting(Matchmaker.Choice::start).containsOnly(first.start());
        assertThat(also).extracting(c -> c.reason().rank()).containsExactly(3, 5);
    }

    @Test
    void aFreedSeatGoesToTheBestEntryOfTheSessionsServiceThatTheSessionFitsAndSaysItWasASeat() {
        ServiceTerms groupOfEight = new ServiceTerms("group", "DBT skills group", 60, 0, Modality.IN_PERSON, 8);
        PracticeTerms terms = new PracticeTerms("practice-1", TERMS.settings(),
                Map.of("therapy", THERAPY, "group", groupOfEight));
        TimeRange session = range("2026-12-01T10:00", "2026-12-01T11:00");
        queue.add(entry("therapy", WaitlistPriority.URGENT, 1));
        queue.add(entry("pending", WaitlistPriority.URGENT, 2).forService("group").withPendingOffer());
        queue.add(entry("other-provider", WaitlistPriority.HIGH, 3).forService("group").forProviders("provider-2"));
        queue.add(entry("fridays", WaitlistPriority.HIGH, 4).forService("group").inWindows(new WeeklyInterval(FRIDAY,
                LocalTime.of(9, 0), LocalTime.of(17, 0))));
        queue.add(entry("declined", WaitlistPriority.HIGH, 5).forService("group"));
        queue.add(entry("chosen", WaitlistPriority.ROUTINE, 6).forService("group"));
        queue.add(entry("next", WaitlistPriority.ROUTINE, 7).forService("group"));
        passed.put("declined", List.of(new Matchmaker.Passed(session, Matchmaker.Outcome.DECLINED)));
        // the session's own time is taken in the schedule (by the session): a seat does not need it free
        reservations.put("session-1", session);

        Matchmaker.Choice choice = Matchmaker.choose(Matchmaker.Situation.seat(new Matchmaker.Seat("session-1",
                PROVIDER, "group", session.start(), session.end()), terms, NOW,
                queue.stream().map(Entry::open).toList(), passed, Map.of())).orElseThrow();

        assertThat(choice.entry().entryId()).isEqualTo("chosen");
        assertThat(choice.start()).isEqualTo(session.start());
        assertThat(choice.reason().candidates()).isEqualTo(2);
        assertThat(choice.reason().criteria()).first().asString()
                .isEqualTo("a seat freed in group session session-1 of DBT skills group (8 seats)");
        assertThat(choice.reason().skipped()).containsExactly(
                "entry pending (URGENT): has a pending offer",
                "entry other-provider (HIGH): this provider is not among its choices",
                "entry fridays (HIGH): the freed time is outside its preferred windows",
                "entry declined (HIGH): declined this slot before");
    }

    private Optional<Matchmaker.Choice> choose(TimeRange freed) {
        return choose(freed, TERMS);
    }

    private Optional<Matchmaker.Choice> choose(TimeRange freed, PracticeTerms terms) {
        return Matchmaker.choose(situation(freed, terms));
    }

    private Matchmaker.Situation situation(TimeRange freed) {
        return situation(freed, TERMS);
    }

    private Matchmaker.Situation situation(TimeRange freed, PracticeTerms terms) {
        List<WeeklyInterval> weekly = Stream.of(MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY)
                .map(day -> new WeeklyInterval(day, LocalTime.of(9, 0), LocalTime.of(17, 0)))
                .toList();
        ScheduleView schedule = new ScheduleView("practice-1", services, weekly, List.of(), reservations, Map.of());
        return new Matchmaker.Situation(PROVIDER, schedule, terms, List.of(freed), NOW,
                queue.stream().map(Entry::open).toList(), passed, Map.of());
    }

    /** A therapy entry of its own patient, waiting since November {@code day}, with no limits. */
    private static Entry entry(String id, WaitlistPriority priority, int day) {
        return new Entry(new Matchmaker.Open(id, "patient-" + id, "therapy", List.of(), List.of(), null, null,
                priority, Instant.parse("2026-11-01T00:00:00Z").plus(Duration.ofDays(day - 1L)), false));
    }

    private static Instant at(String newYorkLocal) {
        return OffsetDateTime.parse(newYorkLocal + ":00-05:00").toInstant();
    }

    private static TimeRange range(String from, String to) {
        return new TimeRange(at(from), at(to));
    }

    /** An open entry under construction. */
    private record Entry(Matchmaker.Open open) {

        Entry withPendingOffer() {
            return new Entry(forPatient("patient-pending").open().withPendingOffer());
        }

        Entry forPatient(String patientId) {
            Matchmaker.Open o = open;
            return new Entry(new Matchmaker.Open(o.entryId(), patientId, o.serviceId(), o.providerIds(), o.windows(),
                    o.notBefore(), o.notAfter(), o.priority(), o.waitingSince(), o.offerPending()));
        }

        Entry forProviders(String... providerIds) {
            Matchmaker.Open o = open;
            return new Entry(new Matchmaker.Open(o.entryId(), o.patientId(), o.serviceId(), List.of(providerIds),
                    o.windows(), o.notBefore(), o.notAfter(), o.priority(), o.waitingSince(), o.offerPending()));
        }

        Entry inWindows(WeeklyInterval... windows) {
            Matchmaker.Open o = open;
            return new Entry(new Matchmaker.Open(o.entryId(), o.patientId(), o.serviceId(), o.providerIds(),
                    List.of(windows), o.notBefore(), o.notAfter(), o.priority(), o.waitingSince(), o.offerPending()));
        }

        Entry between(LocalDate notBefore, LocalDate notAfter) {
            Matchmaker.Open o = open;
            return new Entry(new Matchmaker.Open(o.entryId(), o.patientId(), o.serviceId(), o.providerIds(),
                    o.windows(), notBefore, notAfter, o.priority(), o.waitingSince(), o.offerPending()));
        }

        Entry forService(String serviceId) {
            Matchmaker.Open o = open;
            return new Entry(new Matchmaker.Open(o.entryId(), o.patientId(), serviceId, o.providerIds(), o.windows(),
                    o.notBefore(), o.notAfter(), o.priority(), o.waitingSince(), o.offerPending()));
        }
    }
}
