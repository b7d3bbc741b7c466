package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code kill -9} of the application in the middle of a booking load, then a restart: every booking answered
 * {@code 201} is there, in the event store and in the read models; none answered {@code 409} is; no projection is
 * stuck. The application runs as a process of its own, so the kill is real.
 */
class KillDuringLoadTest {

    private static final int CLIENTS = 8;

    @Test
    void bookingsAnsweredBeforeTheKillSurviveItAndRefusedOnesNeverAppear() throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-kill");
        int port = freePort();
        Process first = launch(database, dataDir, port);
        Map<String, Integer> answers = new ConcurrentHashMap<>(); // patient -> status (-1: no answer)
        Map<String, String> appointments = new ConcurrentHashMap<>(); // patient -> appointment id
        String token;
        String provider;
        try {
            Api api = awaitReady(port);
            token = DevelopmentTokens.mint(DevelopmentKeys.loadOrCreate(dataDir.resolve("keys")), "staff",
                    "practice-kill", List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(),
                    Duration.ofHours(1));
            assertThat(api.put(token, "/api/v1/practice/settings", Map.of("timeZone", "UTC")).status()).isEqualTo(200);
            String service = api.post(token, "/api/v1/services", Map.of("name", "Check-in", "durationMinutes", 15))
                    .id();
            provider = api.post(token, "/api/v1/providers", Map.of("displayName", "Dr. K")).id();
            List<Map<String, String>> weekly = new ArrayList<>();
            for (String day : List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY",
                    "SUNDAY")) {
                weekly.add(Map.of("dayOfWeek", day, "start", "00:00", "end", "23:45"));
            }
            assertThat(api.put(token, "/api/v1/providers/" + provider + "/working-hours", Map.of("weekly", weekly))
                    .status()).isEqualTo(200);

            // clients book one slot after another; every fifth request aims at a slot already taken
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger next = new AtomicInteger();
            LocalDate firstDay = LocalDate.now(ZoneOffset.UTC).plusDays(2);
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            String providerId = provider;
            for (int c = 0; c < CLIENTS; c++) {
                clients.submit(() -> {
                    Api client = new Api(port);
                    while (running.get()) {
                        int n = next.getAndIncrement();
                        int slot = n % 5 == 4 ? n - 1 : n;
                        String start = firstDay.atStartOfDay().plusMinutes(15L * slot) + ":00Z";
                        String patient = "patient-" + n;
                        answers.put(patient, -1);
                        try {
                            String id = client.post(token, "/api/v1/patients", Map.of("firstName", "P" + n,
                                    "lastName", "K", "dateOfBirth", "1980-01-01")).id();
                            Api.Response booked = client.post(token, "/api/v1/appointments", Map.of("patientId", id,
                                    "providerId", providerId, "serviceId", service, "start", start));
                            answers.remove(patient);
                            answers.put(id, booked.status());
                            if (booked.status() == 201) {
                                appointments.put(id, booked.id());
                            }
                        } catch (RuntimeException connectionLost) {
                            return;
                        }
                    }
                });
            }
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> appointments.size() >= 30);
            first.destroyForcibly().waitFor(30, TimeUnit.SECONDS); // kill -9
            running.set(false);
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.destroyForcibly();
        }

        Process second = launch(database, dataDir, port);
        try {
            Api api = awaitReady(port);
            List<String> booked = answers.entrySet().stream().filter(e -> e.getValue() == 201).map(Map.Entry::getKey)
                    .toList();
            List<String> refused = answers.entrySet().stream().filter(e -> e.getValue() == 409)
                    .map(Map.Entry::getKey).toList();
            assertThat(booked).hasSizeGreaterThanOrEqualTo(30);
            assertThat(refused).as("the deliberate conflicts").isNotEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                for (JsonNode projection : api.get(token, "/api/v1/admin/projections").body().path("projections")) {
                    assertThat(projection.path("status").asText()).as(projection.toString()).isEqualTo("RUNNING");
                    assertThat(projection.path("lag").asLong()).as(projection.toString()).isZero();
                }
            });
            for (String patient : booked) {
                Api.Response appointment = api.get(token, "/api/v1/appointments/" + appointments.get(patient));
                assertThat(appointment.status()).as("answered 201 before the kill").isEqualTo(200);
                assertThat(appointment.body().path("patientId").asText()).isEqualTo(patient);
            }
            LocalDate from = LocalDate.now(ZoneOffset.UTC).plusDays(2);
            for (String patient : refused) {
                assertThat(api.get(token, "/api/v1/calendar?patientId=" + patient + "&from=" + from + "&to="
                        + from.plusDays(60)).body().path("appointments")).as("answered 409").isEmpty();
            }
            JsonNode calendar = api.get(token, "/api/v1/calendar?providerId=" + provider + "&from=" + from + "&to="
                    + from.plusDays(60)).body().path("appointments");
            List<String> starts = new ArrayList<>();
            calendar.forEach(a -> starts.add(a.path("start").asText()));
            assertThat(starts).as("never two bookings of one slot").doesNotHaveDuplicates();
        } finally {
            second.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static Process launch(TestPostgres.TestDatabase database, Path dataDir, int port) throws IOException {
        Path log = dataDir.resolve("application-" + System.nanoTime() + ".log");
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName(),
                "--server.port=" + port,
                "--practice-scheduler.postgres.embedded=false",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--practice-scheduler.data-dir=" + dataDir)
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static Api awaitReady(int port) {
        Api api = new Api(port);
        Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                .until(() -> api.get(null, "/actuator/health/readiness").status() == 200);
        return api;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
