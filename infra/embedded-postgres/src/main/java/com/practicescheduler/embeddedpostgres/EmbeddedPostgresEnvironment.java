package com.practicescheduler.embeddedpostgres;

import java.nio.file.Path;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.StringUtils;

/**
 * The embedded default: when {@code practice-scheduler.postgres.embedded} is true and no
 * {@code spring.datasource.url} is set, starts (or reuses) a real PostgreSQL whose cluster lives in
 * {@code <practice-scheduler.data-dir>/postgres} — or, as root in a directory PostgreSQL's account cannot enter,
 * under {@code practice-scheduler.postgres.root-cluster-base} ({@link ClusterPlacement}) — and points the data
 * source at it. Set {@code spring.datasource.url} (env {@code SPRING_DATASOURCE_URL}) to use an external PostgreSQL
 * instead.
 */
class EmbeddedPostgresEnvironment implements EnvironmentPostProcessor, Ordered {

    static final String DATABASE = "practice_scheduler";
    /** Where clusters go that PostgreSQL's account could not reach in the data directory (as root only). */
    static final String ROOT_CLUSTER_BASE = "/var/lib/practice-scheduler";
    private static EmbeddedPostgres running;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        boolean embedded = environment.getProperty("practice-scheduler.postgres.embedded", Boolean.class, false);
        if (!embedded || StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
            return;
        }
        Path cluster = ClusterPlacement.choose(Path.of(environment.getProperty("practice-scheduler.data-dir", "./data")),
                Path.of(environment.getProperty("practice-scheduler.postgres.root-cluster-base", ROOT_CLUSTER_BASE)),
                ServerAccount.DEFAULT);
        EmbeddedPostgres postgres = start(cluster,
                environment.getProperty("practice-scheduler.postgres.port", Integer.class, 0));
        environment.getPropertySources().addFirst(new MapPropertySource("embeddedPostgres", Map.of(
                "spring.datasource.url", postgres.jdbcUrl(DATABASE),
                "spring.datasource.username", postgres.username(),
                "spring.datasource.password", postgres.password())));
    }

    private static synchronized EmbeddedPostgres start(Path cluster, int port) {
        if (running == null || !running.clusterDirectory().equals(cluster)) {
            running = EmbeddedPostgres.builder(cluster).port(port).start();
            running.createDatabaseIfMissing(DATABASE);
            // stopped once the application has closed — not in a JVM hook of its own, which would race Spring's
            // and pull the database from under processors still finishing their batches
            SpringApplication.getShutdownHandlers().add(running::close);
        }
        return running;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
