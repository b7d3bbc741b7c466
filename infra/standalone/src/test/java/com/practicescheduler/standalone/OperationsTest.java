package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** What operators rely on: probes, metrics, and JSON log lines that say whose request they belong to. */
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest {

    @Test
    void probesMetricsAndStructuredLogs(CapturedOutput output) throws Exception {
        try (ConfigurableApplicationContext run = StandaloneRun.start(TestPostgres.newDatabase(),
                Files.createTempDirectory("practice-scheduler-operations"), Clock.systemUTC(),
                "--logging.structured.format.console=ecs")) {
            Api api = new Api(StandaloneRun.port(run));
            JsonNode readiness = api.get(null, "/actuator/health/readiness").body();
            assertThat(readiness.path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("db").path("status").asText()).isEqualTo("UP");
            assertThat(readiness.path("components").path("eventStore").path("status").asText()).isEqualTo("UP");
            assertThat(api.get(null, "/actuator/health/liveness").body().path("status").asText()).isEqualTo("UP");

            String token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "user-7", "practice-ops",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            Api.Response refused = api.send(token, "POST", "/api/v1/appointments", Map.of("patientId", "nobody",
                    "providerId", "nobody", "serviceId", "nothing", "start", Instant.now().plus(Duration.ofDays(30)).toString()),
                    Map.of("X-Correlation-Id", "ops-check-1"));
            assertThat(refused.status()).isEqualTo(404);

            List<JsonNode> lines = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (String line : output.getOut().split("\n")) {
                if (line.startsWith("{")) {
                    lines.add(json.readTree(line));
                }
            }
            assertThat(lines).as("JSON log lines").isNotEmpty();
            assertThat(lines).filteredOn(l -> l.path("message").asText().startsWith("BookAppointmentCommand refused"))
                    .singleElement().satisfies(line -> {
                        assertThat(line.path("correlationId").asText()).isEqualTo("ops-check-1");
                        assertThat(line.path("practiceId").asText()).isEqualTo("practice-ops");
                        assertThat(line.path("userId").asText()).isEqualTo("user-7");
                    });

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + StandaloneRun.port(run) + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("http_server_requests_seconds_bucket",
                    "practice_scheduler_commands_total{outcome=\"not-found\",type=\"BookAppointmentCommand\"} 1.0",
                    "practice_scheduler_processor_lag_events{processor=\"scheduling\"}",
                    "practice_scheduler_processor_up{processor=\"waitlist-matcher\"} 1.0",
                    "practice_scheduler_waitlist_offers{status=\"PENDING\"} 0.0");
        }
    }
}
