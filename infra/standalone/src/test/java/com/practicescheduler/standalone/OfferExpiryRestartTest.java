package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Invariants 6 and 7 across a restart: an offer whose hold ran out while the application was down expires once
 * after the restart, and the slot goes to the next candidate. The deadline fires on real time, so the first run's
 * clock runs 50 s behind it: with a one-minute hold, the offer falls due 10 s after it is made.
 */
class OfferExpiryRestartTest {

    @Test
    void anOfferThatFellDueWhileTheApplicationWasDownExpiresOnceAndTheNextCandidateGetsTheSlot() {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = tempDir();
        // a fixed-offset zone where it is now around midday, so the slot two hours on is inside working hours
        int offsetHours = Math.max(-12, Math.min(14, 12 - OffsetDateTime.now(ZoneOffset.UTC).getHour()));
        ZoneId zone = ZoneOffset.ofHours(offsetHours);
        String token;
        String first;
        String second;
        String offerId;
        Instant expiresAt;
        OffsetDateTime slot = OffsetDateTime.now(zone).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir, Duration.ofSeconds(-50))) {
            token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "scheduler", "restart-practice",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            Api api = new Api(StandaloneRun.port(run));
            api.put(token, "/api/v1/practice/settings", Map.of("timeZone", zone.getId(), "offerHold", "PT1M"));
            String service = api.post(token, "/api/v1/services", Map.of("name", "Check-in call",
                    "durationMinutes", 30)).id();
            String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. Ada")).id();
            String today = slot.getDayOfWeek().name();
            api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                    List.of(Map.of("dayOfWeek", today, "start", "06:00", "end", "18:00"))));
            String walkIn = patient(api, token, "Walk");
            String booked = api.post(token, "/api/v1/appointments", Map.of("patientId", walkIn,
                    "providerId", provider, "serviceId", service, "start", slot.toString())).id();
            first = api.post(token, "/api/v1/waitlist", Map.of("patientId", patient(api, token, "Ida"),
                    "serviceId", service, "priority", "HIGH")).id();
            second = api.post(token, "/api/v1/waitlist", Map.of("patientId", patient(api, token, "Jon"),
                    "serviceId", service)).id();
            assertThat(api.post(token, "/api/v1/appointments/" + booked + "/cancel",
                    Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);
            JsonNode offer = Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> api.get(token, "/api/v1/waitlist/" + first).body().path("offers").path(0),
                            made -> !made.isMissingNode());
            offerId = offer.path("id").asText();
            expiresAt = OffsetDateTime.parse(offer.path("expiresAt").asText()).toInstant();
        }
        // stopped before the hold ended: nothing has expired yet, the deadline waits in PostgreSQL
        SingleConnectionDataSource connection = new SingleConnectionDataSource(database.url(), database.username(),
                database.password(), true);
        JdbcTemplate direct = new JdbcTemplate(connection);
        assertThat(Instant.now()).as("stopped while the offer still held").isBefore(expiresAt);
        assertThat(expiries(direct, offerId)).isZero();
        assertThat(deadlineRows(direct, offerId)).isEqualTo(1);
        connection.destroy();
        // down until the hold has passed
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));

        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir)) {
            Api api = new Api(StandaloneRun.port(run));
            JsonNode next = Awaitility.await().atMost(IntegrationTest.EVENTUALLY)
                    .until(() -> api.get(token, "/api/v1/waitlist/" + second).body().path("offers").path(0),
                            made -> !made.isMissingNode());
            assertThat(next.path("status").asText()).isEqualTo("PENDING");
            assertThat(OffsetDateTime.parse(next.path("start").asText())).isEqualTo(slot);
            JsonNode expired = api.get(token, "/api/v1/waitlist/" + first).body();
            assertThat(expired.path("status").asText()).isEqualTo("WAITING");
            assertThat(expired.path("offers")).extracting(o -> o.path("status").asText()).containsExactly("EXPIRED");
            JdbcTemplate jdbc = run.getBean(JdbcTemplate.class);
            assertThat(expiries(jdbc, offerId)).isEqualTo(1);
            assertThat(deadlineRows(jdbc, offerId)).as("the deadline is done, not left to fire again").isZero();
        }
    }

    private static String patient(Api api, String token, String firstName) {
        return api.post(token, "/api/v1/patients", Map.of("firstName", firstName, "lastName", "B",
                "dateOfBirth", "1980-02-02")).id();
    }

    private static int expiries(JdbcTemplate jdbc, String offerId) {
        return jdbc.queryForObject("select count(*) from domain_event_entry where aggregate_identifier = ?"
                + " and payload_type like '%OfferExpiredEvent'", Integer.class, offerId);
    }

    private static int deadlineRows(JdbcTemplate jdbc, String offerId) {
        return jdbc.queryForObject("select count(*) from scheduled_tasks"
                + " where position(convert_to(?, 'UTF8') in task_data) > 0", Integer.class, offerId);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("practice-scheduler-offer-restart");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
