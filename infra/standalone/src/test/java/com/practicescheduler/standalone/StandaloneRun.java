package com.practicescheduler.standalone;

import com.practicescheduler.platform.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The standalone application started and stopped by a test itself, for restart scenarios. */
final class StandaloneRun {

    private StandaloneRun() {
    }

    /**
     * Starts the application on {@code database} with {@code dataDir} (keys), on a free port, with {@code more}
     * arguments. Its clock is the JVM's test clock, running at real time.
     */
    static ConfigurableApplicationContext start(TestPostgres.TestDatabase database, Path dataDir, String... more) {
        return start(database, dataDir, Duration.ZERO, more);
    }

    /**
     * As {@link #start(TestPostgres.TestDatabase, Path, String...)}, with the clock every rule reads running
     * {@code offset} from real time.
     */
    static ConfigurableApplicationContext start(TestPostgres.TestDatabase database, Path dataDir, Duration offset,
                                                String... more) {
        MutableClock.OF_THE_JVM.runFrom(Instant.now().plus(offset));
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--practice-scheduler.postgres.embedded=false",
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--practice-scheduler.data-dir=" + dataDir));
        args.addAll(List.of(more));
        return new SpringApplicationBuilder(StandaloneApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", MutableClock.OF_THE_JVM))
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
