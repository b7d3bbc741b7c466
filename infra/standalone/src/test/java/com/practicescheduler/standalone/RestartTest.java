package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import com.practicescheduler.platform.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** Stop the application, start it again on the same database and data directory: everything is still there. */
class RestartTest {

    @Test
    void whatWasWrittenBeforeAStopIsThereAfterTheRestartAndTokensStayValid() throws Exception {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-restart");
        String practiceId = "restart-practice";
        String token;
        String serviceId;
        try (ConfigurableApplicationContext first = StandaloneRun.start(database, dataDir)) {
            token = DevelopmentTokens.mint(first.getBean(DevelopmentKeys.class), "admin", practiceId,
                    Role.PRACTICE_ADMIN);
            Api api = new Api(StandaloneRun.port(first));
            Api.Response created = api.post(token, "/api/v1/services", Map.of("name", "Intake",
                    "durationMinutes", 60));
            assertThat(created.status()).isEqualTo(201);
            serviceId = created.id();
        }
        try (ConfigurableApplicationContext second = StandaloneRun.start(database, dataDir)) {
            Api api = new Api(StandaloneRun.port(second));
            Api.Response services = api.get(token, "/api/v1/services");
            assertThat(services.status()).as("the token signed before the restart is accepted").isEqualTo(200);
            assertThat(services.body().path("services").get(0).path("id").asText()).isEqualTo(serviceId);
            // the read model is not replayed from scratch on start: its token was stored in PostgreSQL
            assertThat(api.post(token, "/api/v1/services", Map.of("name", "Follow-up", "durationMinutes", 30))
                    .status()).isEqualTo(201);
            assertThat(api.get(token, "/api/v1/services").body().path("services")).hasSize(2);
        }
    }
}
