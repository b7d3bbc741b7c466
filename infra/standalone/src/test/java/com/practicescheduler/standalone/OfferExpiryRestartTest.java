package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

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
 * Invariant 6: an offer's expiry fires even if the application was down when it fell due — once. Runs on the real
 * clock (the deadline is scheduled on it), with a slot a few seconds ahead so the hold ends with the slot's start.
 */
class OfferExpiryRestartTest {

    @Test
    void anOfferThatFellDueWhileTheApplicationWasDownExpiresOnceAfterTheRestart() {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = tempDir();
        // a fixed-offset zone where it is now around midday, so the test never straddles the end of working hours
        int offsetHours = Math.max(-12, Math.min(14, 12 - OffsetDateTime.now(ZoneOffset.UTC).getHour()));
        ZoneId zone = ZoneOffset.ofHours(offsetHours);
        String token;
        String entry;
        String offerId;
        Instant expiresAt;
        try (ConfigurableApplicationContext first = StandaloneRun.start(database, dataDir)) {
            token = DevelopmentTokens.mint(first.getBean(DevelopmentKeys.class), "scheduler", "restart-practice",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            Api api = new Api(StandaloneRun.port(first));
            api.put(token, "/api/v1/practice/settings", Map.of("timeZone", zone.getId()));
            String service = api.post(token, "/api/v1/services", Map.of("name", "Check-in call",
                    "durationMinutes", 5)).id();
            String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. Ada")).id();
            String today = OffsetDateTime.now(zone).getDayOfWeek().name();
            api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                    List.of(Map.of("dayOfWeek", today, "start", "06:00", "end", "18:00"))));
            String patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Ida", "lastName", "B",
                    "dateOfBirth", "1980-02-02")).id();
            entry = api.post(token, "/api/v1/waitlist", Map.of("patientId", patient, "serviceId", service)).id();
            OffsetDateTime slot = OffsetDateTime.now(zone).plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
            Api.Response offer = api.post(token, "/api/v1/waitlist/" + entry + "/offers",
                    Map.of("providerId", provider, "start", slot.toString()));
            assertThat(offer.status()).as(offer.toString()).isEqualTo(201);
            offerId = offer.id();
            expiresAt = slot.toInstant(); // the hold never outlasts the slot's start
        }
        // stopped before the hold ended: nothing has expired yet, the deadline waits in PostgreSQL
        SingleConnectionDataSource connection = new SingleConnectionDataSource(database.url(), database.username(),
                database.password(), true);
        JdbcTemplate direct = new JdbcTemplate(connection);
        assertThat(expiries(direct, offerId)).isZero();
        assertThat(deadlineRows(direct, offerId)).isEqualTo(1);
        connection.destroy();
        // down until the hold has passed
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> Instant.now().isAfter(expiresAt.plusSeconds(1)));

        try (ConfigurableApplicationContext second = StandaloneRun.start(database, dataDir)) {
            Api api = new Api(StandaloneRun.port(second));
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var detail = api.get(token, "/api/v1/waitlist/" + entry).body();
                assertThat(detail.path("offers").get(0).path("status").asText()).isEqualTo("EXPIRED");
                assertThat(detail.path("status").asText()).isEqualTo("WAITING");
            });
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(expiries(jdbc, offerId)).isEqualTo(1);
            assertThat(deadlineRows(jdbc, offerId)).as("the deadline is done, not left to fire again").isZero();
        }
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
