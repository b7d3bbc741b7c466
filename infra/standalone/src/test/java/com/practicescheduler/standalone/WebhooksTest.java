package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Webhooks (api.md "Webhooks", ADR 17): subscriptions, signed deliveries driven by the events, retries on the
 * application's clock (a minute apart in the tests), order per appointment, no PHI, and no second sending on a
 * replay. The receivers are on localhost, which the tests' configuration allows.
 */
class WebhooksTest extends IntegrationTest {

    private static final String START = "2026-12-01T10:00:00-05:00";

    @Autowired
    EventProcessingConfiguration processing;

    @Test
    void aSubscriberGetsEachEventSignedInOrderWithIdsAndTimesButNoPatientData() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response created = api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(
                    receiver.url(), "appointment.booked", "appointment.cancelled"));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String id = created.id();
            String secret = created.body().path("secret").asText();
            assertThat(secret).matches("whsec_[A-Za-z0-9+/]+=*");
            assertThat(Base64.getDecoder().decode(secret.substring(6))).hasSizeGreaterThanOrEqualTo(24);
            assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/webhooks/" + id);
            Api.Response list = api.get(practice.admin, "/api/v1/webhooks");
            assertThat(list.body().path("webhooks")).singleElement().satisfies(webhook -> {
                assertThat(webhook.path("id").asText()).isEqualTo(id);
                assertThat(webhook.path("url").asText()).isEqualTo(receiver.url());
                assertThat(webhook.path("events")).extracting(JsonNode::asText)
                        .containsExactly("appointment.booked", "appointment.cancelled");
            });
            assertThat(list.text()).as("the secret is shown once").doesNotContain(secret.substring(6));

            String patient = practice.patient("Wilhelmina", "Gumbleton");
            String appointment = practice.booked(patient, s.providerId(), s.serviceId(), START);
            api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", patient, "serviceId",
                    s.serviceId(), "note", "Wilhelmina prefers mornings"));
            assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                    Map.of("reason", "PATIENT_REQUEST", "note", "Wilhelmina Gumbleton called")).status())
                    .isEqualTo(200);

            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 2);
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(2).allSatisfy(request -> {
                assertThat(WebhookReceiver.verified(request, secret)).as("signature of " + request).isTrue();
                assertThat(request.id()).startsWith("msg_");
                assertThat(Long.parseLong(request.timestamp())).isEqualTo(clock.instant().getEpochSecond());
                assertThat(request.contentType()).isEqualTo("application/json");
                assertThat(request.body()).doesNotContain("Wilhelmina", "Gumbleton", "1985-04-12",
                        "pat@example.org", "555 0100", "called", "mornings");
            });
            byte[] otherKey = new byte[32];
            assertThat(WebhookReceiver.verified(received.get(0), "whsec_" + Base64.getEncoder()
                    .encodeToString(otherKey))).as("another secret does not verify").isFalse();
            assertThat(received.get(0).id()).isNotEqualTo(received.get(1).id());

            JsonNode booked = json(received.get(0).body());
            assertThat(booked.path("type").asText()).isEqualTo("appointment.booked");
            assertThat(booked.path("timestamp").asText()).isEqualTo(NOW.toString());
            assertThat(booked.at("/data/appointmentId").asText()).isEqualTo(appointment);
            assertThat(booked.at("/data/patientId").asText()).isEqualTo(patient);
            assertThat(booked.at("/data/start").asText()).isEqualTo("2026-12-01T15:00:00Z");
            assertThat(booked.at("/data/status").asText()).isEqualTo("BOOKED");
            JsonNode cancelled = json(received.get(1).body());
            assertThat(cancelled.path("type").asText()).isEqualTo("appointment.cancelled");
            assertThat(cancelled.at("/data/appointmentId").asText()).isEqualTo(appointment);
            assertThat(cancelled.at("/data/status").asText()).isEqualTo("CANCELLED");

            Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(deliveries(practice, id))
                    .extracting(d -> d.path("type").asText() + " " + d.path("state").asText() + " "
                            + d.path("attempts").asInt() + " " + d.path("lastStatus").asInt())
                    .containsExactlyInAnyOrder("appointment.booked DELIVERED 1 200",
                            "appointment.cancelled DELIVERED 1 200"));
            assertThat(deliveries(practice, id)).extracting(d -> d.path("id").asText())
                    .containsExactlyInAnyOrder(received.get(0).id(), received.get(1).id());
        }
    }

    @Test
    void aReceiverThatAnswers500ThreeTimesGetsTheEventOnTheFourthTryWithTheSameId() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500, 500)) {
            Api.Response created = api.post(practice.admin, "/api/v1/webhooks",
                    WebhookReceiver.subscription(receiver.url(), "appointment.booked"));
            String secret = created.body().path("secret").asText();
            practice.booked(s.patientId(), s.providerId(), s.serviceId(), START);
            for (int attempt = 1; attempt <= 3; attempt++) {
                int tried = attempt;
                Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(deliveries(practice,
                        created.id())).singleElement().satisfies(d -> {
                            assertThat(d.path("attempts").asInt()).isEqualTo(tried);
                            assertThat(d.path("lastStatus").asInt()).isEqualTo(500);
                            assertThat(d.path("state").asText()).isEqualTo("PENDING");
                        }));
                assertThat(receiver.received()).as("tried again only once the delay has passed").hasSize(tried);
                clock.advance(Duration.ofMinutes(1));
            }
            Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(deliveries(practice,
                    created.id())).singleElement().satisfies(d -> {
                        assertThat(d.path("attempts").asInt()).isEqualTo(4);
                        assertThat(d.path("lastStatus").asInt()).isEqualTo(200);
                        assertThat(d.path("state").asText()).isEqualTo("DELIVERED");
                    }));
            List<WebhookReceiver.Received> received = receiver.received();
            assertThat(received).hasSize(4);
            assertThat(received).extracting(WebhookReceiver.Received::id).containsOnly(received.get(0).id());
            assertThat(received).extracting(WebhookReceiver.Received::body).containsOnly(received.get(0).body());
            assertThat(received).allSatisfy(r -> assertThat(WebhookReceiver.verified(r, secret)).isTrue());
            assertThat(received.get(3).timestamp()).as("each attempt signed when sent")
                    .isEqualTo(Long.toString(NOW.plus(Duration.ofMinutes(3)).getEpochSecond()));
        }
    }

    @Test
    void aLaterEventOfAnAppointmentWaitsUntilTheEarlierIsGivenUpAfterTheLastRetry() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        try (WebhookReceiver receiver = new WebhookReceiver(500, 500, 500, 500, 500)) {
            String id = api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(receiver.url(),
                    "appointment.booked", "appointment.cancelled")).id();
            String appointment = practice.booked(s.patientId(), s.providerId(), s.serviceId(), START);
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() == 1);
            assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                    Map.of("reason", "OTHER")).status()).isEqualTo(200);
            Awaitility.await().atMost(EVENTUALLY).until(() -> deliveries(practice, id).size() == 2);
            // the cancellation is due, but the booking before it is not delivered yet
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                    .until(() -> receiver.received().size() == 1);
            for (int attempt = 2; attempt <= 5; attempt++) {
                int failed = attempt - 1;
                // the answer recorded, and so the next attempt timed, before the clock moves on
                Awaitility.await().atMost(EVENTUALLY).until(() -> deliveries(practice, id).stream().anyMatch(
                        d -> d.path("type").asText().equals("appointment.booked")
                                && d.path("attempts").asInt() == failed));
                clock.advance(Duration.ofMinutes(1));
                int tried = attempt;
                Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= tried);
            }
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() == 6);
            assertThat(receiver.received()).extracting(r -> json(r.body()).path("type").asText())
                    .containsExactly("appointment.booked", "appointment.booked", "appointment.booked",
                            "appointment.booked", "appointment.booked", "appointment.cancelled");
            Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(deliveries(practice, id))
                    .extracting(d -> d.path("type").asText() + " " + d.path("state").asText() + " "
                            + d.path("attempts").asInt() + " " + d.path("lastStatus").asInt())
                    .containsExactly("appointment.cancelled DELIVERED 1 200", "appointment.booked FAILED 5 500"));
        }
    }

    @Test
    void aReplayOfTheDeliveryProcessorSendsNothingAgain() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String id = api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(receiver.url(),
                    "appointment.booked")).id();
            practice.booked(s.patientId(), s.providerId(), s.serviceId(), START);
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() == 1);

            TrackingEventProcessor processor = processing.eventProcessor("webhook-deliveries",
                    TrackingEventProcessor.class).orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            // the replay ends with the first event after it: that one is sent, the replayed one is not again
            practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-02T10:00:00-05:00");
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 2
                    && processor.processingStatus().values().stream().noneMatch(status -> status.isReplaying()));
            Awaitility.await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                    .until(() -> receiver.received().size() == 2);
            assertThat(deliveries(practice, id)).hasSize(2);
        }
    }

    @Test
    void subscriptionsAreBoundedValidatedAndOnlyTheirPracticesToSee() {
        PracticeFixture practice = newPractice();
        PracticeFixture other = newPractice();
        String url = "http://localhost:9/hook";
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks",
                WebhookReceiver.subscription(url, "appointment.booked", "appointment.deleted")));
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(url)));
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks",
                WebhookReceiver.subscription("ftp://localhost/hook", "offer.made")));
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks",
                WebhookReceiver.subscription("http://localhost/" + "a".repeat(2000), "offer.made")));
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks",
                WebhookReceiver.subscription("https://no-such-host.invalid/hook", "offer.made")));
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks", Map.of("url", url,
                "events", List.of("offer.made"), "description", "d".repeat(201))));

        String mine = api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(url,
                "offer.made")).id();
        assertThat(api.delete(other.admin, "/api/v1/webhooks/" + mine).status()).isEqualTo(404);
        assertThat(api.get(other.admin, "/api/v1/webhooks/" + mine + "/deliveries").slug()).isEqualTo("not-found");
        assertThat(api.get(other.admin, "/api/v1/webhooks").body().path("webhooks")).isEmpty();

        for (int i = 1; i < 20; i++) {
            assertThat(api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(url,
                    "offer.made")).status()).isEqualTo(201);
        }
        assertBadRequest(api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(url,
                "offer.made")));
        assertThat(api.get(practice.admin, "/api/v1/webhooks").body().path("webhooks")).hasSize(20);

        assertThat(api.delete(practice.admin, "/api/v1/webhooks/" + mine).status()).isEqualTo(204);
        assertThat(api.get(practice.admin, "/api/v1/webhooks").body().path("webhooks"))
                .extracting(w -> w.path("id").asText()).hasSize(19).doesNotContain(mine);
        assertThat(api.get(practice.admin, "/api/v1/webhooks/" + mine + "/deliveries").status()).isEqualTo(404);
        assertThat(api.delete(practice.admin, "/api/v1/webhooks/" + mine).status()).isEqualTo(404);
        assertThat(api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(url,
                "offer.made")).status()).as("room for one again").isEqualTo(201);
        // the audit trail records who subscribed and who deleted the subscription
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode deleted = api.get(practice.compliance, "/api/v1/audit?action=DeleteWebhook").body();
            assertThat(deleted.findValuesAsText("resourceId")).containsExactly(mine);
            JsonNode created = api.get(practice.compliance, "/api/v1/audit?action=CreateWebhook&limit=50").body();
            assertThat(created.findValuesAsText("resourceId")).hasSize(21).contains(mine);
        });
    }

    private void assertBadRequest(Api.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.slug()).isEqualTo("validation-failed");
    }

    private List<JsonNode> deliveries(PracticeFixture practice, String webhookId) {
        Api.Response response = api.get(practice.admin, "/api/v1/webhooks/" + webhookId + "/deliveries");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        java.util.ArrayList<JsonNode> deliveries = new java.util.ArrayList<>();
        response.body().path("deliveries").forEach(deliveries::add);
        return deliveries;
    }

    private static JsonNode json(String text) {
        try {
            return Api.JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
