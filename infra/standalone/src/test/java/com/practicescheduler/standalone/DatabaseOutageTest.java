package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.AppointmentsTest.assertSlug;
import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.embeddedpostgres.EmbeddedPostgres;
import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** PostgreSQL gone for a while: clear 503 problems (never a 500), not ready, and back by itself when it returns. */
class DatabaseOutageTest {

    @Test
    void theApplicationAnswers503WhileTheDatabaseIsDownAndRecoversByItself() throws Exception {
        Path base = Files.createTempDirectory("practice-scheduler-outage");
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres postgres = server(base, port);
        postgres.createDatabaseIfMissing("outage");
        TestPostgres.TestDatabase database = new TestPostgres.TestDatabase(postgres.jdbcUrl("outage"),
                postgres.username(), postgres.password());
        try (ConfigurableApplicationContext run = StandaloneRun.start(database, base.resolve("data"),
                "--spring.datasource.hikari.connection-timeout=1000")) {
            Api api = new Api(StandaloneRun.port(run));
            String token = DevelopmentTokens.mint(run.getBean(DevelopmentKeys.class), "admin", "practice-outage",
                    List.of(Role.PRACTICE_ADMIN, Role.SCHEDULER), null, Instant.now(), Duration.ofHours(1));
            assertThat(api.get(token, "/api/v1/services").status()).isEqualTo(200);

            postgres.close();
            try {
                assertSlug(api.get(token, "/api/v1/services"), 503, "service-unavailable");
                assertSlug(api.post(token, "/api/v1/services", Map.of("name", "Therapy", "durationMinutes", 50)),
                        503, "service-unavailable");
                LocalDate nextWeek = LocalDate.now().plusWeeks(1);
                assertSlug(api.get(token, "/api/v1/availability?serviceId=any&from=" + nextWeek + "&to=" + nextWeek),
                        503, "service-unavailable");
                assertSlug(api.send(token, "GET", "/fhir/r4/Slot?start=" + nextWeek, null,
                        Map.of("Accept", "application/fhir+json")), 503, "service-unavailable");
                assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(503);
                assertThat(api.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
            } finally {
                postgres = server(base, port);
            }

            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200));
            Api.Response service = api.post(token, "/api/v1/services", Map.of("name", "Therapy",
                    "durationMinutes", 50));
            assertThat(service.status()).as(service.toString()).isEqualTo(201);
            Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(api.get(token,
                    "/api/v1/services/" + service.id()).status()).as("the projections are not stuck").isEqualTo(200));
        } finally {
            postgres.close();
        }
    }

    private static EmbeddedPostgres server(Path base, int port) {
        return EmbeddedPostgres.builder(base.resolve("cluster")).port(port).serverSetting("fsync", "off").start();
    }
}
