package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.testing.TestPostgres;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A webhook delivery that failed before the application stopped is retried after it starts again: the delivery
 * waits in PostgreSQL, not in memory. Real time, with a retry two seconds after a failure.
 */
class WebhookRestartTest {

    private static final String[] WEBHOOKS = {"--practice-scheduler.webhooks.allow-private-targets=true",
            "--practice-scheduler.webhooks.retry-delays=PT2S,PT2S,PT2S",
            "--practice-scheduler.webhooks.poll-every=PT0.2S"};

    @Test
    void aDeliveryThatFailedBeforeARestartIsDeliveredAfterItOnceWithTheSameId() throws IOException {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-webhook-restart");
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            String token;
            String webhook;
            String secret;
            try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir, WEBHOOKS)) {
                token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "admin", "webhook-restart",
                        List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
                Api api = new Api(StandaloneRun.port(run));
                Api.Response created = api.post(token, "/api/v1/webhooks",
                        WebhookReceiver.subscription(receiver.url(), "appointment.booked"));
                assertThat(created.status()).as(created.toString()).isEqualTo(201);
                webhook = created.id();
                secret = created.body().path("secret").asText();
                api.put(token, "/api/v1/practice/settings", Map.of("timeZone", "UTC"));
                String service = api.post(token, "/api/v1/services", Map.of("name", "Intake",
                        "durationMinutes", 30)).id();
                String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. B")).id();
                OffsetDateTime slot = OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).truncatedTo(ChronoUnit.DAYS)
                        .withHour(10);
                api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                        List.of(Map.of("dayOfWeek", slot.getDayOfWeek().name(), "start", "08:00", "end", "18:00"))));
                String patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Ida", "lastName", "B",
                        "dateOfBirth", "1980-02-02")).id();
                assertThat(api.post(token, "/api/v1/appointments", Map.of("patientId", patient,
                        "providerId", provider, "serviceId", service, "start", slot.toString())).status())
                        .isEqualTo(201);
                // the first try fails; the application stops before it may try again
                Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> api.get(token,
                        "/api/v1/webhooks/" + webhook + "/deliveries").body().at("/deliveries/0/attempts").asInt()
                        == 1);
            }
            assertThat(receiver.received()).hasSize(1);

            try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir, WEBHOOKS)) {
                Api api = new Api(StandaloneRun.port(run));
                Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> api.get(token,
                        "/api/v1/webhooks/" + webhook + "/deliveries").body().at("/deliveries/0/state").asText()
                        .equals("DELIVERED"));
                var delivery = api.get(token, "/api/v1/webhooks/" + webhook + "/deliveries").body()
                        .path("deliveries");
                assertThat(delivery).hasSize(1);
                assertThat(delivery.at("/0/attempts").asInt()).isEqualTo(2);
                assertThat(delivery.at("/0/lastStatus").asInt()).isEqualTo(200);
                assertThat(receiver.received()).hasSize(2);
                assertThat(receiver.received()).extracting(WebhookReceiver.Received::id)
                        .containsOnly(delivery.at("/0/id").asText());
                assertThat(receiver.received()).allSatisfy(r -> assertThat(WebhookReceiver.verified(r, secret))
                        .isTrue());
                JdbcTemplate jdbc = run.getBean(JdbcTemplate.class);
                assertThat(jdbc.queryForObject("select count(*) from webhook_delivery", Integer.class))
                        .as("no event recorded twice across the restart").isEqualTo(1);
            }
        }
    }

    /**
     * With the operator's setting off (the default), a localhost target is refused when subscribing, and a
     * subscription made while it was on is not called once it is off: the target is checked before each attempt.
     */
    @Test
    void withPrivateTargetsNotAllowedLocalhostIsRefusedWhenSubscribingAndBeforeEachDelivery() throws IOException {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-webhook-ssrf");
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            String token;
            String webhook;
            try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir, WEBHOOKS)) {
                token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "admin", "webhook-ssrf",
                        List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
                webhook = new Api(StandaloneRun.port(run)).post(token, "/api/v1/webhooks",
                        WebhookReceiver.subscription(receiver.url(), "waitlist.entry-added")).id();
            }
            try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir,
                    "--practice-scheduler.webhooks.retry-delays=PT1H",
                    "--practice-scheduler.webhooks.poll-every=PT0.2S")) {
                Api api = new Api(StandaloneRun.port(run));
                for (String url : List.of(receiver.url(), "http://127.0.0.1:9/hook", "http://[::1]/hook",
                        "http://169.254.169.254/latest/meta-data", "http://10.0.0.1/hook")) {
                    Api.Response refused = api.post(token, "/api/v1/webhooks",
                            WebhookReceiver.subscription(url, "offer.made"));
                    assertThat(refused.status()).as(url + " " + refused).isEqualTo(400);
                    assertThat(refused.slug()).isEqualTo("validation-failed");
                }
                String service = api.post(token, "/api/v1/services", Map.of("name", "Intake",
                        "durationMinutes", 30)).id();
                String patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Ida", "lastName", "B",
                        "dateOfBirth", "1980-02-02")).id();
                assertThat(api.post(token, "/api/v1/waitlist", Map.of("patientId", patient, "serviceId", service))
                        .status()).isEqualTo(201);
                Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> api.get(token,
                        "/api/v1/webhooks/" + webhook + "/deliveries").body().at("/deliveries/0/attempts").asInt()
                        == 1);
                var delivery = api.get(token, "/api/v1/webhooks/" + webhook + "/deliveries").body()
                        .path("deliveries").path(0);
                assertThat(delivery.path("state").asText()).isEqualTo("PENDING");
                assertThat(delivery.path("lastStatus").isNull()).as("no answer: not sent").isTrue();
                assertThat(receiver.received()).isEmpty();
            }
        }
    }
}
