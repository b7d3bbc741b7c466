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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes of the application on one database, both polling the same deadlines: a reminder due while both run goes
 * out once per channel (issue 19: "sent exactly once ... with two nodes").
 */
class NotificationTwoNodesTest {

    @Test
    void twoNodesSendAReminderOncePerChannel() {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = tempDir();
        int offsetHours = Math.max(-12, Math.min(14, 12 - OffsetDateTime.now(ZoneOffset.UTC).getHour()));
        ZoneId zone = ZoneOffset.ofHours(offsetHours);
        OffsetDateTime start = OffsetDateTime.now(zone).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        // both nodes' clock: 25 s before the reminder (15 minutes before the start) falls due
        Instant virtualNow = start.toInstant().minus(Duration.ofMinutes(15)).minusSeconds(25);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "two.nodes." + unique + "@example.org";
        String phone = "+1555" + (3_000_000 + Math.abs(unique.hashCode() % 6_999_999));
        List<String> args = new ArrayList<>(TestOutbox.properties().entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toList());
        args.add("--logging.level.com.icegreen=WARN");
        String[] outbox = args.toArray(String[]::new);
        try (ConfigurableApplicationContext one = StandaloneRun.start(database, dataDir,
                Duration.between(Instant.now(), virtualNow), outbox);
             ConfigurableApplicationContext two = StandaloneRun.start(database, dataDir,
                     Duration.between(Instant.now(), virtualNow), outbox)) {
            String token = DevelopmentTokens.mint(one.getBean(DevelopmentKeys.class), "scheduler", "two-nodes",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            Api api = new Api(StandaloneRun.port(one));
            Api other = new Api(StandaloneRun.port(two));
            api.put(token, "/api/v1/practice/settings", Map.of("timeZone", zone.getId()));
            assertThat(api.put(token, "/api/v1/practice/notifications", Map.of("reminders", List.of("PT15M")))
                    .status()).isEqualTo(200);
            String service = api.post(token, "/api/v1/services", Map.of("name", "Check-in call",
                    "durationMinutes", 30)).id();
            String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. Ada")).id();
            api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                    List.of(Map.of("dayOfWeek", start.getDayOfWeek().name(), "start", "06:00", "end", "22:00"))));
            String patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Octavia", "lastName", "Twin",
                    "dateOfBirth", "1970-05-06", "email", email, "phone", phone)).id();
            assertThat(api.put(token, "/api/v1/patients/" + patient + "/contact-preferences", Map.of("email", true,
                    "sms", true, "reminders", true, "waitlistOffers", false)).status()).isEqualTo(200);
            Api.Response booked = other.post(token, "/api/v1/appointments", Map.of("patientId", patient,
                    "providerId", provider, "serviceId", service, "start", start.toString()));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);

            Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> StreamSupport.stream(api.get(token,
                    "/api/v1/patients/" + patient + "/messages").body().path("messages").spliterator(), false)
                    .filter(m -> m.path("status").asText().equals("SENT")).count() == 2);
            // and it stays at one each: neither node sends again
            Awaitility.await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(10)).until(() ->
                    TestOutbox.emailsTo(email).size() == 1 && TestOutbox.textsTo(phone).size() == 1);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("practice-scheduler-two-nodes");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
