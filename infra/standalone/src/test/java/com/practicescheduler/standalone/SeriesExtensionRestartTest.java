package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * An open-ended series keeps itself booked across a restart: what the extension job needs — which series are open
 * and how far each is planned, and when the job runs next — is in PostgreSQL, so an application started two weeks
 * later books the occurrences the horizon has reached meanwhile, once.
 */
class SeriesExtensionRestartTest {

    @Test
    void anApplicationStartedTwoWeeksLaterBooksWhatTheHorizonReachedMeanwhile() throws IOException {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-series-restart");
        LocalDate tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        String token;
        String seriesId;
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir)) {
            token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "scheduler", "series-practice",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            Api api = new Api(StandaloneRun.port(run));
            api.put(token, "/api/v1/practice/settings", Map.of("timeZone", "UTC", "bookingHorizonDays", 30));
            String service = api.post(token, "/api/v1/services", Map.of("name", "Therapy",
                    "durationMinutes", 50)).id();
            String provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. Ada")).id();
            api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly",
                    List.of(Map.of("dayOfWeek", tomorrow.getDayOfWeek().name(), "start", "08:00", "end", "18:00"))));
            String patient = api.post(token, "/api/v1/patients", Map.of("firstName", "Ida", "lastName", "B",
                    "dateOfBirth", "1980-02-02")).id();
            Api.Response booked = api.post(token, "/api/v1/appointment-series", Map.of("patientId", patient,
                    "providerId", provider, "serviceId", service, "start", tomorrow + "T10:00:00Z",
                    "recurrence", Map.of("everyWeeks", 1)));
            assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
            seriesId = booked.id();
            // weekly from tomorrow, 30 days ahead: 5 occurrences
            assertThat(booked.body().path("appointments")).hasSize(5);
        }

        // started again two weeks later: two more weeks are inside the horizon (the job runs every 2 s here, so
        // a run that comes before the job's list has caught up with the events is soon followed by another)
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, dataDir, Duration.ofDays(14),
                "--practice-scheduler.series.extension-every=PT2S")) {
            Api api = new Api(StandaloneRun.port(run));
            JsonNode series = Awaitility.await().atMost(IntegrationTest.EVENTUALLY).until(() -> api.get(token,
                    "/api/v1/appointment-series/" + seriesId).body(), body -> body.path("appointments").size() == 7);
            assertThat(series.path("appointments").get(6).path("start").asText())
                    .isEqualTo(tomorrow.plusWeeks(6) + "T10:00:00Z");
            assertThat(series.path("skipped")).isEmpty();
        } finally {
            MutableClock.OF_THE_JVM.runFrom(Instant.now());
        }
    }
}
