package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What operators rely on: probes, metrics, and JSON log lines that say whose request they belong to. The
 * application runs as a process of its own here: its logging set-up (structured JSON) is the JVM's, and would
 * change the logging of every other application in a shared test JVM.
 */
class OperationsTest {

    @Test
    void probesMetricsAndStructuredLogs() throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-operations");
        Path log = dataDir.resolve("application.log");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Process application = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), StandaloneApplication.class.getName(),
                "--server.port=" + port,
                "--practice-scheduler.postgres.embedded=false",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--practice-scheduler.data-dir=" + dataDir,
                "--logging.structured.format.console=ecs")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            Api api = new Api(port);
            Awaitility.await().atMost(Duration.ofSeconds(90)).ignoreExceptions()
                    .until(() -> api.get(null, "/actuator/health/readiness").status() == 200);
            JsonNode readiness = api.get(null, "/actuator/health/readiness").body();
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("eventStore").path("status").asText()).isEqualTo("UP");
            assertThat(api.get(null, "/actuator/health/liveness").body().path("status").asText()).isEqualTo("UP");

            String token = DevelopmentTokens.mint(DevelopmentKeys.loadOrCreate(dataDir.resolve("keys")), "user-7",
                    "practice-ops", List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(),
                    Duration.ofHours(1));
            Api.Response refused = api.send(token, "POST", "/api/v1/appointments", Map.of("patientId", "nobody",
                    "providerId", "nobody", "serviceId", "nothing",
                    "start", Instant.now().plus(Duration.ofDays(30)).toString()),
                    Map.of("X-Correlation-Id", "ops-check-1"));
            assertThat(refused.status()).isEqualTo(404);

            ObjectMapper json = new ObjectMapper();
            Awaitility.await().atMost(IntegrationTest.EVENTUALLY).untilAsserted(() -> {
                List<JsonNode> lines = new ArrayList<>();
                for (String line : Files.readAllLines(log)) {
                    if (line.startsWith("{")) {
                        lines.add(json.readTree(line));
                    }
                }
                assertThat(lines).as("JSON log lines").isNotEmpty();
                assertThat(lines).filteredOn(l -> l.path("message").asText()
                                .startsWith("BookAppointmentCommand refused"))
                        .singleElement().satisfies(line -> {
                            assertThat(line.path("correlationId").asText()).isEqualTo("ops-check-1");
                            assertThat(line.path("practiceId").asText()).isEqualTo("practice-ops");
                            assertThat(line.path("userId").asText()).isEqualTo("user-7");
                        });
            });

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests_seconds_bucket",
                    "practice_scheduler_commands_total{outcome=\"not-found\",type=\"BookAppointmentCommand\"} 1.0",
                    "practice_scheduler_processor_lag_events{processor=\"scheduling\"}",
                    "practice_scheduler_processor_up{processor=\"waitlist-matcher\"} 1.0",
                    "practice_scheduler_waitlist_offers{status=\"PENDING\"} 0.0");
        } finally {
            application.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
