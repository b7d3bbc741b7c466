package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole standalone application on a real (embedded) PostgreSQL, called over HTTP with signed JWTs. All
 * subclasses share one application context; each test works in a practice of its own (its own tenant), so tests
 * do not see each other's data. The clock starts every test at {@link #NOW}.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"practice-scheduler.postgres.embedded=false", "spring.datasource.hikari.maximum-pool-size=20",
                // providers' schedules are snapshotted often, so every test also runs on snapshots
                "practice-scheduler.snapshots.provider-schedule-every=" + IntegrationTest.SNAPSHOT_EVERY,
                "practice-scheduler.snapshots.provider-schedule-background-every="
                        + IntegrationTest.BACKGROUND_SNAPSHOT_EVERY,
                // counts of repeated refusals are recorded sooner than the default minute
                "practice-scheduler.audit.denial-window=" + IntegrationTest.DENIAL_WINDOW,
                "practice-scheduler.audit.retry-parked-every=" + IntegrationTest.RETRY_PARKED,
                // the test SMTP server (not the application) logs each address it receives mail for
                "logging.level.com.icegreen=WARN",
                // the tests' webhook receivers listen on localhost; a minute between retries, moved by the clock
                "practice-scheduler.webhooks.allow-private-targets=true",
                "practice-scheduler.webhooks.retry-delays=" + IntegrationTest.WEBHOOK_RETRY_DELAYS,
                "practice-scheduler.webhooks.poll-every=PT0.2S"})
@Import(IntegrationTest.ClockConfiguration.class)
abstract class IntegrationTest {

    static final int SNAPSHOT_EVERY = 5;
    static final int BACKGROUND_SNAPSHOT_EVERY = 20;
    static final String DENIAL_WINDOW = "PT10S";
    static final String RETRY_PARKED = "PT2S";
    /** Four retries a minute apart: a delivery is tried five times, then FAILED. */
    static final String WEBHOOK_RETRY_DELAYS = "PT1M,PT1M,PT1M,PT1M";

    /**
     * How long a test waits for something eventual (a projection, an offer, the audit trail): long enough for a
     * loaded two-core machine, so that running out means a defect, not a slow host. Waits end as soon as it holds.
     */
    static final Duration EVENTUALLY = Duration.ofSeconds(60);

    /** A Monday, 07:00 in New York. */
    static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

    @LocalServerPort
    int port;
    @Autowired
    DevelopmentKeys keys;
    @Autowired
    MutableClock clock;
    @Autowired
    Scheduler deadlines;
    Api api;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        registry.add("spring.datasource.url", database::url);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        String dataDir = Files.createTempDirectory("practice-scheduler-it").toString();
        registry.add("practice-scheduler.data-dir", () -> dataDir);
        // messages to patients go to a real SMTP server and a local SMS gateway (NotificationsTest)
        TestOutbox.properties().forEach((name, value) -> registry.add(name, () -> value));
    }

    @BeforeEach
    void resetClockAndClient() {
        // each change of time wakes the deadline poller, which would otherwise wait for its clock to pass the
        // time it last saw: after a test that ran the clock far ahead, for ever
        clock.whenSet(deadlines::triggerCheckForDueExecutions);
        clock.set(NOW);
        api = new Api(port);
    }

    /** A new practice with its own id, tokens and REST helpers. */
    PracticeFixture newPractice() {
        return new PracticeFixture(api, keys);
    }

    /** Waits until every projection runs and has processed the whole event stream. */
    void awaitProjectionsCaughtUp(PracticeFixture practice) {
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode projections = api.get(practice.admin, "/api/v1/admin/projections").body().path("projections");
            assertThat(projections).allSatisfy(p -> {
                assertThat(p.path("status").asText()).isEqualTo("RUNNING");
                assertThat(p.path("lag").asLong()).isZero();
            });
        });
    }

    @TestConfiguration
    static class ClockConfiguration {

        @Bean
        MutableClock clock() {
            MutableClock.OF_THE_JVM.set(NOW);
            return MutableClock.OF_THE_JVM;
        }
    }
}
