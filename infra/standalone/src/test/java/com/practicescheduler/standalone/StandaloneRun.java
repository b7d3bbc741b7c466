package com.practicescheduler.standalone;

import com.practicescheduler.platform.testing.TestPostgres;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The standalone application started and stopped by a test itself, for restart scenarios. */
final class StandaloneRun {

    private StandaloneRun() {
    }

    /** Starts the application on {@code database} with {@code dataDir} (keys), on a free port. */
    static ConfigurableApplicationContext start(TestPostgres.TestDatabase database, Path dataDir) {
        return start(database, dataDir, Clock.systemUTC());
    }

    /**
     * As {@link #start(TestPostgres.TestDatabase, Path)}, with {@code clock} as the clock every rule reads and
     * {@code more} arguments.
     */
    static ConfigurableApplicationContext start(TestPostgres.TestDatabase database, Path dataDir, Clock clock,
                                                String... more) {
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
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(args.toArray(String[]::new));
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }
}
