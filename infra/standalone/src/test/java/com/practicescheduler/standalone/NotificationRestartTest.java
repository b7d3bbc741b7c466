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
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Reminders across a restart (issue 19). The first run is the standalone default, with neither an email server nor
 * an SMS gateway: its messages are recorded as failed with the reason, nothing crashes. The second run, with both,
 * starts after one appointment has begun and just before another's reminder: the reminder of the begun appointment
 * is never sent, the other goes out once per channel, the cancelled appointment's never.
 */
class NotificationRestartTest {

    @Test
    void remindersPlannedBeforeARestartAreSentOnceAfterItAndNeverForBegunOrCancelledAppointments() {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = tempDir();
        // a fixed-offset zone where it is now around midday, so the appointments below are inside working hours
        int offsetHours = Math.max(-12, Math.min(14, 12 - OffsetDateTime.now(ZoneOffset.UTC).getHour()));
        ZoneId zone = ZoneOffset.ofHours(offsetHours);
        OffsetDateTime begun = OffsetDateTime.now(zone).plusHours(2).truncatedTo(ChronoUnit.HOURS);
        OffsetDateTime cancelled = begun.plusHours(1);
        OffsetDateTime later = begun.plusHours(3);
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String email = "restart." + unique + "@example.org";
        String phone = "+1555" + (2_000_000 + Math.abs(unique.hashCode() % 7_999_999));
        String token;
        String patient;
        String begunId;
        String cancelledId;
        String laterId;
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir)) {
            token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "scheduler", "reminder-practice",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(2));
            Api api = new Api(StandaloneRun.port(run));
            api.put(token, "/api/v1/practice/settings", Map.of("timeZone", zone.getId()));
            assertThat(api.put(token, "/api/v1/practice/notifications", Map.of("reminders", List.of("PT15M"),
                    "confirmations", true)).status()).isEqualTo(200);
            String service = api.post(token, "/api/v1/services", Map.of("name", "Check-in call",
                    "durationMinutes", 30)).id();
            String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. Ada")).id();
            api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                    List.of(Map.of("dayOfWeek", begun.getDayOfWeek().name(), "start", "06:00", "end", "22:00"))));
            patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Rosalind", "lastName", "Restart",
                    "dateOfBirth", "1970-05-06", "email", email, "phone", phone)).id();
            assertThat(api.put(token, "/api/v1/patients/" + patient + "/contact-preferences", Map.of("email", true,
                    "sms", true, "reminders", true, "waitlistOffers", false)).status()).isEqualTo(200);
            begunId = book(api, token, patient, provider, service, begun);
            cancelledId = book(api, token, patient, provider, service, cancelled);
            laterId = book(api, token, patient, provider, service, later);
            assertThat(api.post(token, "/api/v1/appointments/" + cancelledId + "/cancel",
                    Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);

            // neither channel is configured: the confirmations fail with the reason, the reminders wait
            String patientId = patient;
            String cancelledAppointment = cancelledId;
            Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() -> {
                // (the cancelled appointment's may have been cancelled before their turn came)
                List<JsonNode> confirmations = messages(api, token, patientId).stream()
                        .filter(m -> m.path("kind").asText().equals("CONFIRMATION"))
                        .filter(m -> !m.path("appointmentId").asText().equals(cancelledAppointment)).toList();
                assertThat(confirmations).hasSize(4).allSatisfy(m ->
                        assertThat(m.path("status").asText()).isEqualTo("FAILED"));
                assertThat(confirmations).extracting(m -> m.path("reason").asText()).contains(
                        "no email server configured (spring.mail.host)",
                        "no SMS gateway configured (practice-scheduler.notifications.sms.url)");
            });
            assertThat(reminders(api, token, patient, begunId)).containsOnly("SCHEDULED").hasSize(2);
            assertThat(reminders(api, token, patient, laterId)).containsOnly("SCHEDULED").hasSize(2);
            assertThat(reminders(api, token, patient, cancelledId)).containsOnly("CANCELLED").hasSize(2);
        }

        // back up 20 s before the later appointment's reminder: the begun one's start has passed meanwhile
        Instant restartAt = later.toInstant().minus(Duration.ofMinutes(15)).minusSeconds(20);
        String[] withOutbox = TestOutbox.properties().entrySet().stream()
                .map(p -> "--" + p.getKey() + "=" + p.getValue()).toArray(String[]::new);
        withOutbox = java.util.Arrays.copyOf(withOutbox, withOutbox.length + 1);
        withOutbox[withOutbox.length - 1] = "--logging.level.com.icegreen=WARN";
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir,
                Duration.between(Instant.now(), restartAt), withOutbox)) {
            Api api = new Api(StandaloneRun.port(run));
            String patientId = patient;
            Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() ->
                    assertThat(reminders(api, token, patientId, laterId)).containsOnly("SENT").hasSize(2));
            assertThat(TestOutbox.emailsTo(email)).hasSize(1);
            assertThat(TestOutbox.emailsTo(email).get(0).body()).contains("Dr. Ada").doesNotContain("Rosalind");
            assertThat(TestOutbox.textsTo(phone)).hasSize(1);
            assertThat(reminders(api, token, patient, begunId)).containsOnly("CANCELLED").hasSize(2);
            assertThat(reminders(api, token, patient, cancelledId)).containsOnly("CANCELLED").hasSize(2);
            assertThat(messages(api, token, patient)).filteredOn(m -> m.path("appointmentId").asText().equals(begunId))
                    .filteredOn(m -> m.path("kind").asText().equals("REMINDER"))
                    .extracting(m -> m.path("reason").asText()).containsOnly("the appointment has begun");
        }
    }

    private static String book(Api api, String token, String patient, String provider, String service,
                               OffsetDateTime start) {
        Api.Response booked = api.post(token, "/api/v1/appointments", Map.of("patientId", patient,
                "providerId", provider, "serviceId", service, "start", start.toString()));
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        return booked.id();
    }

    private static List<JsonNode> messages(Api api, String token, String patient) {
        return StreamSupport.stream(api.get(token, "/api/v1/patients/" + patient + "/messages").body()
                .path("messages").spliterator(), false).toList();
    }

    private static List<String> reminders(Api api, String token, String patient, String appointmentId) {
        return messages(api, token, patient).stream()
                .filter(m -> m.path("kind").asText().equals("REMINDER"))
                .filter(m -> m.path("appointmentId").asText().equals(appointmentId))
                .map(m -> m.path("status").asText()).toList();
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("practice-scheduler-reminder-restart");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
