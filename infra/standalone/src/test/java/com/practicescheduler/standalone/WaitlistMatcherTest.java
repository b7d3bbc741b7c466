package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Invariant 7: freed time is offered by itself to the best matching waitlist entry — after a cancellation, a
 * decline, an expiry, a removal, removed time off and extended hours — and each offer says why.
 */
class WaitlistMatcherTest extends IntegrationTest {

    private static final String SLOT = "2026-12-01T09:00:00-05:00";
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aCancelledSlotIsOfferedToTheBestMatchingEntryAndHeldForIt() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String otherProvider = practice.provider();
        practice.hours(otherProvider, "09:00", "17:00", "TUESDAY");
        String booked = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), SLOT);
        // in queue order: URGENT (Fridays only), HIGH (another provider only), HIGH (Tuesday mornings), ROUTINE
        String routine = practice.waiting(s.patientId(), s.serviceId(), Map.of());
        String fridays = practice.waiting(practice.patient("Fri", "Day"), s.serviceId(), Map.of("priority", "URGENT",
                "windows", List.of(Map.of("dayOfWeek", "FRIDAY", "start", "13:00", "end", "17:00"))));
        String elsewhere = practice.waiting(practice.patient("Else", "Where"), s.serviceId(), Map.of(
                "priority", "HIGH", "providerIds", List.of(otherProvider)));
        String best = practice.waiting(practice.patient("Best", "Match"), s.serviceId(), Map.of("priority", "HIGH",
                "windows", List.of(Map.of("dayOfWeek", "TUESDAY", "start", "08:00", "end", "12:00"))));

        practice.cancelled(booked);
        long cancelledAt = System.nanoTime();

        JsonNode offer = practice.awaitOffer(best, 0);
        System.out.printf("waitlist offer visible %d ms after the cancellation answered%n",
                Duration.ofNanos(System.nanoTime() - cancelledAt).toMillis());
        assertThat(offer.path("status").asText()).isEqualTo("PENDING");
        assertThat(offer.path("providerId").asText()).isEqualTo(s.providerId());
        assertThat(offer.path("start").asText()).isEqualTo(SLOT);
        assertThat(offer.path("expiresAt").asText()).isEqualTo("2026-11-23T09:00:00-05:00"); // NOW + PT2H
        JsonNode reason = offer.path("reason");
        assertThat(reason.path("madeBy").asText()).isEqualTo("MATCHER");
        assertThat(reason.path("rank").asInt()).as("third in the service's queue").isEqualTo(3);
        assertThat(reason.path("candidates").asInt()).as("the Tuesday entry and the routine one").isEqualTo(2);
        assertThat(reason.path("criteria")).extracting(JsonNode::asText)
                .contains("inside preferred window TUESDAY 08:00-12:00", "any provider who offers the service");
        assertThat(reason.path("skipped")).extracting(JsonNode::asText).containsExactly(
                "entry " + fridays + " (URGENT): the freed time is outside its preferred windows",
                "entry " + elsewhere + " (HIGH): this provider is not among its choices");
        for (String other : List.of(routine, fridays, elsewhere)) {
            JsonNode detail = api.get(practice.scheduler, "/api/v1/waitlist/" + other).body();
            assertThat(detail.path("status").asText()).isEqualTo("WAITING");
            assertThat(detail.path("offers")).isEmpty();
        }
        // held: nobody books over it, availability leaves it out
        assertSlug(practice.book(practice.patient("Some", "One"), s.providerId(), s.serviceId(), SLOT),
                409, "slot-unavailable");
        assertThat(slotStarts(practice, s.serviceId(), "2026-12-01")).doesNotContain(s.providerId() + "@09:00");
        assertThat(offersMadeIn(practice)).isEqualTo(1);
    }

    @Test
    void aDeclinedOfferGoesToTheNextCandidateWhoAcceptsIt() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Queue queue = firstOfferedAfterCancelling(practice, s, SLOT);
        String first = queue.first();
        String second = queue.second();

        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + queue.firstOffer() + "/decline", null)
                .status()).isEqualTo(200);

        JsonNode offer = practice.awaitOffer(second, 0);
        assertThat(offer.path("start").asText()).isEqualTo(SLOT);
        assertThat(offer.path("reason").path("skipped")).extracting(JsonNode::asText)
                .containsExactly("entry " + first + " (HIGH): declined this slot before");
        Api.Response accepted = api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offer.path("id").asText()
                + "/accept", null);
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments");
        assertThat(calendar).extracting(a -> a.path("status").asText() + " " + a.path("source").asText())
                .containsExactlyInAnyOrder("CANCELLED DIRECT", "BOOKED WAITLIST");
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + second).body().path("status").asText())
                .isEqualTo("FULFILLED");
        JsonNode declined = api.get(practice.scheduler, "/api/v1/waitlist/" + first).body();
        assertThat(declined.path("status").asText()).isEqualTo("WAITING");
        assertThat(declined.path("offers")).hasSize(1);
        assertThat(offersMadeIn(practice)).isEqualTo(2);
    }

    @Test
    void anEntryWithAPendingOfferIsSkippedForTheNextFreedSlot() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String nine = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), SLOT);
        String eleven = practice.booked(practice.patient("Walk", "Inn"), s.providerId(), s.serviceId(),
                "2026-12-01T11:00:00-05:00");
        String first = practice.waiting(s.patientId(), s.serviceId(), Map.of("priority", "URGENT"));
        String sameFirstPatient = practice.waiting(s.patientId(), s.serviceId(), Map.of("priority", "HIGH"));
        String second = practice.waiting(practice.patient("Next", "InLine"), s.serviceId(), Map.of());
        practice.cancelled(nine);
        practice.awaitOffer(first, 0);

        practice.cancelled(eleven);

        JsonNode offer = practice.awaitOffer(second, 0);
        assertThat(offer.path("start").asText()).isEqualTo("2026-12-01T11:00:00-05:00");
        assertThat(offer.path("reason").path("skipped")).extracting(JsonNode::asText).containsExactly(
                "entry " + first + " (URGENT): has a pending offer",
                "entry " + sameFirstPatient + " (HIGH): the patient has a pending offer for another entry");
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + sameFirstPatient).body().path("offers"))
                .isEmpty();
    }

    @Test
    void anExpiredOfferGoesToTheNextCandidate() throws Exception {
        // The expiry deadline fires on real time: run the clock from a minute (the hold) minus 3 s behind real
        // time, so the first offer falls due 3 s after it is made.
        clock.runFrom(Instant.now().minus(Duration.ofMinutes(1)).plusSeconds(3));
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        assertThat(api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "offerHold", "PT1M")).status()).isEqualTo(200);
        String slot = nextWeekTuesdayAtNine();
        Queue queue = firstOfferedAfterCancelling(practice, s, slot);
        clock.runFrom(Instant.now()); // the next offer holds for a real minute

        JsonNode offer = practice.awaitOffer(queue.second(), 0);

        assertThat(offer.path("status").asText()).isEqualTo("PENDING");
        assertThat(OffsetDateTime.parse(offer.path("start").asText())).isEqualTo(OffsetDateTime.parse(slot));
        assertThat(offer.path("reason").path("skipped")).extracting(JsonNode::asText)
                .containsExactly("entry " + queue.first() + " (HIGH): let an offer of this slot expire before");
        JsonNode expired = api.get(practice.scheduler, "/api/v1/waitlist/" + queue.first()).body();
        assertThat(expired.path("status").asText()).isEqualTo("WAITING");
        assertThat(expired.path("offers")).extracting(o -> o.path("status").asText()).containsExactly("EXPIRED");
        assertThat(jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%OfferExpiredEvent'", Integer.class, queue.firstOffer())).isEqualTo(1);
        // what the deadline did is the system's action, tied to the request that made the offer
        JsonNode metaData = new com.fasterxml.jackson.databind.ObjectMapper().readTree(jdbc.queryForObject(
                "select convert_from(meta_data, 'UTF8') from domain_event_entry where aggregate_identifier = ?"
                        + " and payload_type like '%OfferExpiredEvent'", String.class, queue.firstOffer()));
        assertThat(metaData.path("audit.actor").asText()).isEqualTo("system");
        assertThat(metaData.path("audit.practiceId").asText()).isEqualTo(practice.practiceId);
    }

    @Test
    void removingAnEntryWithdrawsItsOfferAndPassesTheSlotOn() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Queue queue = firstOfferedAfterCancelling(practice, s, SLOT);

        assertThat(api.delete(practice.scheduler, "/api/v1/waitlist/" + queue.first()).status()).isEqualTo(204);

        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + queue.first()).body().path("offers").get(0)
                .path("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(practice.awaitOffer(queue.second(), 0).path("start").asText()).isEqualTo(SLOT);
    }

    @Test
    void removedTimeOffAndExtendedHoursAreOfferedToo() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String timeOffPath = "/api/v1/providers/" + s.providerId() + "/time-off";
        String timeOff = api.post(practice.admin, timeOffPath, Map.of("start", "2026-12-02T00:00:00-05:00",
                "end", "2026-12-03T00:00:00-05:00", "reason", "conference")).id();
        String wednesday = practice.waiting(s.patientId(), s.serviceId(), Map.of("windows",
                List.of(Map.of("dayOfWeek", "WEDNESDAY", "start", "14:00", "end", "16:00")),
                "notBefore", "2026-12-02"));
        String saturday = practice.waiting(practice.patient("Satur", "Day"), s.serviceId(), Map.of("windows",
                List.of(Map.of("dayOfWeek", "SATURDAY", "start", "10:00", "end", "12:00"))));

        assertThat(api.delete(practice.admin, timeOffPath + "/" + timeOff).status()).isEqualTo(204);
        JsonNode fromTimeOff = practice.awaitOffer(wednesday, 0);
        assertThat(fromTimeOff.path("start").asText()).isEqualTo("2026-12-02T14:00:00-05:00");
        assertThat(fromTimeOff.path("reason").path("criteria")).extracting(JsonNode::asText)
                .contains("within its dates 2026-12-02 to any");

        practice.hours(s.providerId(), "09:00", "17:00", "MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY",
                "SATURDAY");
        assertThat(practice.awaitOffer(saturday, 0).path("start").asText())
                .as("the first Saturday 10:00 ahead").isEqualTo("2026-11-28T10:00:00-05:00");
    }

    @Test
    void rebuildingTheMatcherReplaysWithoutMakingOffersAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        firstOfferedAfterCancelling(practice, s, SLOT);
        // the offer shows in the waitlist read model first; the matcher's own model records it in its own processor
        Awaitility.await().atMost(EVENTUALLY).until(() -> matcherModel(practice).contains("status=OFFERED"));
        String modelBefore = matcherModel(practice);
        TrackingEventProcessor matcher = processing.eventProcessor("waitlist-matcher", TrackingEventProcessor.class)
                .orElseThrow();

        matcher.shutDown();
        matcher.resetTokens(source -> source.createTailToken());
        matcher.start();

        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            assertThat(matcher.isReplaying()).isFalse();
            assertThat(matcherModel(practice)).isEqualTo(modelBefore);
        });
        assertThat(offersMadeIn(practice)).isEqualTo(1);
    }

    @Test
    void aBroadcastOffersTheFreedSlotToTheBestEntriesAtOnceAndTheFirstToAcceptBooksIt() throws Exception {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        broadcastTo(practice, 3);
        String booked = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), SLOT);
        List<String> offered = List.of(
                practice.waiting(s.patientId(), s.serviceId(), Map.of("priority", "HIGH")),
                practice.waiting(practice.patient("Second", "InLine"), s.serviceId(), Map.of()),
                practice.waiting(practice.patient("Third", "InLine"), s.serviceId(), Map.of()));
        String fourth = practice.waiting(practice.patient("Fourth", "InLine"), s.serviceId(), Map.of());

        practice.cancelled(booked);

        List<String> offerIds = new ArrayList<>();
        for (String entryId : offered) {
            JsonNode offer = practice.awaitOffer(entryId, 0);
            assertThat(offer.path("status").asText()).isEqualTo("PENDING");
            assertThat(offer.path("start").asText()).isEqualTo(SLOT);
            assertThat(offer.path("reason").path("criteria")).extracting(JsonNode::asText).contains(
                    "broadcast: offered to 3 entries at once under one hold; the first to accept books it");
            offerIds.add(offer.path("id").asText());
        }
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + fourth).body().path("offers")).isEmpty();
        assertThat(offersMadeIn(practice)).isEqualTo(3);
        // one hold for the three: nobody else books the slot meanwhile
        assertSlug(practice.book(practice.patient("Some", "One"), s.providerId(), s.serviceId(), SLOT),
                409, "slot-unavailable");

        // the three patients accept at the same instant
        ExecutorService threads = Executors.newFixedThreadPool(offerIds.size());
        CountDownLatch ready = new CountDownLatch(offerIds.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (String offerId : offerIds) {
                answers.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return api.post(practice.scheduler, "/api/v1/waitlist/offers/" + offerId + "/accept", null);
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(30, TimeUnit.SECONDS));
            }

            assertThat(responses).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409, 409);
            responses.stream().filter(r -> r.status() == 409)
                    .forEach(r -> assertSlug(r, 409, "slot-unavailable"));
        } finally {
            threads.shutdownNow();
        }
        JsonNode calendar = api.get(practice.scheduler, "/api/v1/calendar?providerId=" + s.providerId()
                + "&from=2026-12-01&to=2026-12-01").body().path("appointments");
        assertThat(calendar).extracting(a -> a.path("status").asText() + " " + a.path("source").asText())
                .containsExactlyInAnyOrder("CANCELLED DIRECT", "BOOKED WAITLIST");
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            List<String> outcomes = new ArrayList<>();
            for (String entryId : offered) {
                JsonNode entry = api.get(practice.scheduler, "/api/v1/waitlist/" + entryId).body();
                JsonNode offer = entry.path("offers").path(0);
                outcomes.add(entry.path("status").asText() + " " + offer.path("status").asText() + " "
                        + offer.path("withdrawnBecause").asText("-"));
            }
            assertThat(outcomes).containsExactlyInAnyOrder("FULFILLED ACCEPTED -",
                    "WAITING WITHDRAWN " + SLOT_TAKEN, "WAITING WITHDRAWN " + SLOT_TAKEN);
        });
        // a late press of a withdrawn offer gets the same clear answer
        String loser = offerIds.stream().filter(id -> !accepted(practice, offered, id)).findFirst().orElseThrow();
        assertSlug(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + loser + "/accept", null),
                409, "slot-unavailable");
    }

    @Test
    void aBroadcastSlotIsHeldUntilEveryOfferOfItIsDeclinedThenOfferedAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        broadcastTo(practice, 2);
        String booked = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), SLOT);
        String first = practice.waiting(s.patientId(), s.serviceId(), Map.of("priority", "HIGH"));
        String second = practice.waiting(practice.patient("Second", "InLine"), s.serviceId(), Map.of());
        String third = practice.waiting(practice.patient("Third", "InLine"), s.serviceId(), Map.of());
        practice.cancelled(booked);
        String firstOffer = practice.awaitOffer(first, 0).path("id").asText();
        String secondOffer = practice.awaitOffer(second, 0).path("id").asText();

        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + firstOffer + "/decline", null)
                .status()).isEqualTo(200);

        // the other offer still holds the slot
        assertSlug(practice.book(practice.patient("Some", "One"), s.providerId(), s.serviceId(), SLOT),
                409, "slot-unavailable");
        assertThat(api.get(practice.scheduler, "/api/v1/waitlist/" + third).body().path("offers")).isEmpty();

        assertThat(api.post(practice.scheduler, "/api/v1/waitlist/offers/" + secondOffer + "/decline", null)
                .status()).isEqualTo(200);

        JsonNode offer = practice.awaitOffer(third, 0);
        assertThat(offer.path("start").asText()).isEqualTo(SLOT);
        assertThat(offer.path("reason").path("skipped")).extracting(JsonNode::asText).containsExactly(
                "entry " + first + " (HIGH): declined this slot before",
                "entry " + second + " (ROUTINE): declined this slot before");
        assertThat(offersMadeIn(practice)).isEqualTo(3);
    }

    @Test
    void theBroadcastSizeIsBoundedAndShownWithTheSettings() {
        PracticeFixture practice = newPractice();
        assertSlug(api.put(practice.admin, "/api/v1/practice/settings", Map.of("offerStrategy", "BROADCAST",
                "broadcastSize", 11)), 400, "validation-failed");
        assertSlug(api.put(practice.admin, "/api/v1/practice/settings", Map.of("offerStrategy", "BROADCAST",
                "broadcastSize", 0)), 400, "validation-failed");

        broadcastTo(practice, 4);
        JsonNode settings = api.get(practice.scheduler, "/api/v1/practice/settings").body();
        assertThat(settings.path("offerStrategy").asText()).isEqualTo("BROADCAST");
        assertThat(settings.path("broadcastSize").asInt()).isEqualTo(4);
        Api.Response defaulted = api.put(practice.admin, "/api/v1/practice/settings",
                Map.of("offerStrategy", "BROADCAST"));
        assertThat(defaulted.body().path("broadcastSize").asInt()).isEqualTo(3);
    }

    private static final String SLOT_TAKEN =
            "the slot was taken: another patient offered it at the same time accepted first";

    private void broadcastTo(PracticeFixture practice, int size) {
        Api.Response set = api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone",
                "America/New_York", "offerStrategy", "BROADCAST", "broadcastSize", size));
        assertThat(set.status()).as(set.toString()).isEqualTo(200);
    }

    /** Whether {@code offerId} is the offer that was accepted, among the entries' first offers. */
    private boolean accepted(PracticeFixture practice, List<String> entryIds, String offerId) {
        return entryIds.stream().map(id -> api.get(practice.scheduler, "/api/v1/waitlist/" + id).body()
                        .path("offers").path(0))
                .anyMatch(o -> o.path("id").asText().equals(offerId) && o.path("status").asText().equals("ACCEPTED"));
    }

    /** The entries of {@link #firstOfferedAfterCancelling}, and the offer the first got. */
    private record Queue(String first, String second, String firstOffer) {
    }

    /** Two entries wait (HIGH, then ROUTINE) when an appointment at {@code slot} is cancelled; the first gets it. */
    private Queue firstOfferedAfterCancelling(PracticeFixture practice, PracticeFixture.Setup s, String slot) {
        String booked = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(), slot);
        String first = practice.waiting(s.patientId(), s.serviceId(), Map.of("priority", "HIGH"));
        String second = practice.waiting(practice.patient("Next", "InLine"), s.serviceId(), Map.of());
        practice.cancelled(booked);
        return new Queue(first, second, practice.awaitOffer(first, 0).path("id").asText());
    }




    private int offersMadeIn(PracticeFixture practice) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where payload_type like"
                + " '%OfferMadeEvent' and position(convert_to(?, 'UTF8') in payload) > 0", Integer.class,
                practice.practiceId);
    }

    private String matcherModel(PracticeFixture practice) {
        return jdbc.queryForList("select entry_id, status, offer_id, offer_expires_at from matcher_entry"
                + " where practice_id = ? order by entry_id", practice.practiceId).toString();
    }

    private List<String> slotStarts(PracticeFixture practice, String serviceId, String date) {
        List<String> starts = new ArrayList<>();
        api.get(practice.scheduler, "/api/v1/availability?serviceId=" + serviceId + "&from=" + date + "&to=" + date)
                .body().path("slots").forEach(slot -> starts.add(slot.path("providerId").asText() + "@"
                        + OffsetDateTime.parse(slot.path("start").asText()).atZoneSameInstant(NEW_YORK)
                        .toLocalTime()));
        return starts;
    }

    private static String nextWeekTuesdayAtNine() {
        return ZonedDateTime.of(LocalDate.now(NEW_YORK).plusDays(7).with(TemporalAdjusters.next(DayOfWeek.TUESDAY)),
                LocalTime.of(9, 0), NEW_YORK).toOffsetDateTime().toString();
    }
}
