package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Offers the patient answers (issue 19): the offer message carries a link; the link's page shows the slot, and
 * accepting books as staff acceptance does, with the patient as the audit trail's actor. The link is single-use and
 * dies with the hold. NOW is Monday 2026-11-23 07:00 in New York.
 */
class OfferLinkTest extends IntegrationTest {

    static final Pattern LINK = Pattern.compile("http://localhost:8080(/offers/[A-Za-z0-9_-]{43})");
    private static final Map<String, String> JSON = Map.of("Accept", "application/json");

    @Test
    void theLinkInTheOfferMessageShowsTheSlotAndAcceptingBooksItOnceAsThePatient() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        OfferedPatient offered = offer(practice, s, "Philippa", "2026-11-25T10:00:00-05:00");

        Api.Response page = api.get(null, offered.link);
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.text()).contains("Dr. Ana Ruiz", "Wednesday, November 25, 2026", "10:00 AM EST",
                "<form method=\"post\"", "Accept", "Decline").doesNotContain("Philippa", "<script");

        Api.Response accepted = api.send(null, "POST", offered.link + "/accept", null, JSON);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
        String appointmentId = accepted.body().path("appointmentId").asText();
        JsonNode appointment = api.get(practice.scheduler, "/api/v1/appointments/" + appointmentId).body();
        assertThat(appointment.path("source").asText()).isEqualTo("WAITLIST");
        assertThat(appointment.path("patientId").asText()).isEqualTo(offered.patientId);
        assertThat(api.send(null, "POST", offered.link + "/accept", null, JSON).status()).as("single use")
                .isEqualTo(404);
        assertThat(api.get(null, offered.link).status()).isEqualTo(404);
        assertThat(api.send(null, "POST", offered.link + "/decline", null, JSON).status()).isEqualTo(404);
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entries = api.get(practice.compliance, "/api/v1/audit?patientId=" + offered.patientId
                    + "&action=AcceptOffer").body().path("entries");
            assertThat(StreamSupport.stream(entries.spliterator(), false).map(e -> e.path("actor").asText()))
                    .containsExactly("patient:" + offered.patientId);
        });
    }

    @Test
    void aLinkAfterTheHoldAnswersOfferExpiredAndAnUnknownOneNotFound() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        OfferedPatient offered = offer(practice, s, "Quentin", "2026-11-25T13:00:00-05:00");

        clock.advance(Duration.ofHours(3));

        assertThat(api.get(null, offered.link).status()).isEqualTo(410);
        Api.Response accept = api.send(null, "POST", offered.link + "/accept", null, JSON);
        assertThat(accept.status()).as(accept.toString()).isEqualTo(410);
        assertThat(accept.body().path("type").asText()).isEqualTo("/problems/offer-expired");
        assertThat(api.get(null, "/offers/" + "A".repeat(43)).status()).isEqualTo(404);
        assertThat(api.send(null, "POST", "/offers/not-a-token/accept", null, JSON).status()).isEqualTo(404);
    }

    @Test
    void decliningByTheLinkFreesTheSlotAndThePatientWaitsAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        OfferedPatient offered = offer(practice, s, "Rupert", "2026-11-25T15:00:00-05:00");

        Api.Response declined = api.send(null, "POST", offered.link + "/decline", null, JSON);

        assertThat(declined.status()).as(declined.toString()).isEqualTo(200);
        Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler, "/api/v1/waitlist/"
                + offered.entryId).body().path("status").asText().equals("WAITING"));
        assertThat(api.send(null, "POST", offered.link + "/accept", null, JSON).status()).isEqualTo(404);
    }

    @Test
    void aBroadcastSlotAnotherPatientTookFirstAnswersSlotUnavailableByTheLinkAndAPageSayingSo() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        assertThat(api.put(practice.admin, "/api/v1/practice/settings", Map.of("timeZone", "America/New_York",
                "offerStrategy", "BROADCAST", "broadcastSize", 3)).status()).isEqualTo(200);
        String booked = practice.booked(practice.patient("Walk", "In"), s.providerId(), s.serviceId(),
                "2026-11-25T11:00:00-05:00");
        List<WaitingPatient> waiting = List.of(waiting(api, practice, s, "Sybil"), waiting(api, practice, s,
                "Tobias"), waiting(api, practice, s, "Ursula"));

        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + booked + "/cancel",
                Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);
        List<String> links = waiting.stream().map(this::awaitLink).toList();

        Api.Response first = api.send(null, "POST", links.get(0) + "/accept", null, JSON);
        Api.Response byPage = api.send(null, "POST", links.get(1) + "/accept", null, Map.of("Accept", "text/html"));
        Api.Response byClient = api.send(null, "POST", links.get(2) + "/accept", null, JSON);

        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(byPage.status()).as(byPage.toString()).isEqualTo(409);
        assertThat(byPage.text()).contains("another patient accepted it first").doesNotContain("Tobias");
        assertThat(byClient.status()).as(byClient.toString()).isEqualTo(409);
        assertThat(byClient.body().path("type").asText()).isEqualTo("/problems/slot-unavailable");
        // at once, not only when the offers' withdrawal reaches the notifications processor, which lingers
        assertThat(api.send(null, "GET", links.get(1), null, Map.of("Accept", "text/html")).status())
                .isEqualTo(409);
        assertThat(api.send(null, "GET", links.get(2), null, JSON).status()).isEqualTo(409);
        for (WaitingPatient other : waiting.subList(1, 3)) {
            Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler, "/api/v1/waitlist/"
                    + other.entryId).body().path("status").asText().equals("WAITING"));
        }
        // once the others' offers are withdrawn their links still say why, to a page and to a client
        Api.Response laterPage = api.send(null, "GET", links.get(1), null, Map.of("Accept", "text/html"));
        assertThat(laterPage.status()).as(laterPage.toString()).isEqualTo(409);
        assertThat(laterPage.text()).contains("another patient accepted it first");
        Api.Response laterClient = api.send(null, "POST", links.get(2) + "/decline", null, JSON);
        assertThat(laterClient.status()).as(laterClient.toString()).isEqualTo(409);
        assertThat(laterClient.body().path("type").asText()).isEqualTo("/problems/slot-unavailable");
    }

    private record WaitingPatient(String patientId, String entryId, String email) {
    }

    /**
     * A consenting patient waiting for Wednesdays only, so the matcher offers the entry nothing else by itself; not
     * offered anything yet.
     */
    private static WaitingPatient waiting(Api api, PracticeFixture practice, PracticeFixture.Setup s,
                                          String firstName) {
        String email = firstName.toLowerCase() + "." + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String patientId = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", firstName,
                "lastName", "Waiting", "dateOfBirth", "1975-01-02", "email", email)).id();
        assertThat(api.put(practice.admin, "/api/v1/practice/notifications", Map.of("reminders", List.of()))
                .status()).isEqualTo(200);
        assertThat(api.put(practice.scheduler, "/api/v1/patients/" + patientId + "/contact-preferences",
                Map.of("email", true, "sms", false, "reminders", false, "waitlistOffers", true)).status())
                .isEqualTo(200);
        String entryId = api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", patientId,
                "serviceId", s.serviceId(), "windows",
                List.of(Map.of("dayOfWeek", "WEDNESDAY", "start", "08:00", "end", "18:00")))).id();
        return new WaitingPatient(patientId, entryId, email);
    }

    /** The link of the offer email the patient got, once the offer was made and its message sent. */
    private String awaitLink(WaitingPatient patient) {
        String link = Awaitility.await().atMost(EVENTUALLY).pollInterval(Duration.ofMillis(50)).until(() -> {
            // the test's clock stands still: move it on a little, as time would pass, so the deadline poller looks
            clock.advance(Duration.ofSeconds(1));
            Matcher found = LINK.matcher(TestOutbox.emailsTo(patient.email).stream().map(TestOutbox.Email::body)
                    .findFirst().orElse(""));
            return found.find() ? found.group(1) : null;
        }, found -> found != null);
        awaitPage(api, link);
        return link;
    }

    /**
     * Waits until the link's page opens, as a patient would see it: the email can arrive a moment before the
     * sending transaction, which stores the link, has committed.
     */
    static void awaitPage(Api api, String link) {
        Awaitility.await().atMost(EVENTUALLY).until(() -> api.send(null, "GET", link, null,
                Map.of("Accept", "text/html")).status() == 200);
    }

    record OfferedPatient(String patientId, String entryId, String offerId, String link) {
    }

    /** A consenting patient on the waitlist, offered {@code start} by staff; the link from the email they got. */
    OfferedPatient offer(PracticeFixture practice, PracticeFixture.Setup s, String firstName, String start) {
        return offer(api, clock, practice, s, firstName, start);
    }

    static OfferedPatient offer(Api api, MutableClock clock, PracticeFixture practice, PracticeFixture.Setup s,
                                String firstName, String start) {
        WaitingPatient waiting = waiting(api, practice, s, firstName);
        String patientId = waiting.patientId();
        String entryId = waiting.entryId();
        String email = waiting.email();
        Api.Response offer = api.post(practice.scheduler, "/api/v1/waitlist/" + entryId + "/offers",
                Map.of("providerId", s.providerId(), "start", start));
        assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
        Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler, "/api/v1/patients/"
                + patientId + "/messages").body().path("messages").size() == 1);
        // the test's clock stands still: move it on a little, as time would pass, so the deadline poller looks
        clock.advance(Duration.ofSeconds(30));
        String body = Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(email).stream()
                .map(TestOutbox.Email::body).findFirst().orElse(""), text -> !text.isEmpty());
        Matcher link = LINK.matcher(body);
        assertThat(link.find()).as(body).isTrue();
        awaitPage(api, link.group(1));
        return new OfferedPatient(patientId, entryId, offer.id(), link.group(1));
    }
}
