package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.command.app.CommandSideApplication;
import com.practicescheduler.command.provider.ProviderSchedule;
import com.practicescheduler.platform.testing.TestPostgres;
import com.practicescheduler.query.app.QuerySideApplication;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.event.axon.AxonServerEventStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.pooled.PooledStreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jpa.JpaTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.snapshotting.SnapshotFilter;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * The production shape's configuration, checked without an Axon Server (none runs here): each side's application
 * context is built with the {@code axonserver} profile and an address nothing listens on. Every bean is registered
 * and created — a bean that clashes with Axon Server's own (as the health indicator named {@code eventStore} once
 * did) fails here — and the test stops the start just before the first component would connect, then checks what
 * the profile promises: Axon Server's event store, no block listing, pooled projections, the JPA token store,
 * persistent deadlines and Jackson.
 */
class AxonServerProfileTest {

    private static final String BACKGROUND_SNAPSHOTS = "provider-schedule-snapshots-r";

    @Test
    void theCommandSideBuildsWithTheAxonServerProfile() throws IOException {
        Map<String, Object> built = buildUpToTheFirstConnection(CommandSideApplication.class, "command-side");

        assertTheProductionShape(built);
        String revision = ProviderSchedule.class.getAnnotation(Revision.class).value();
        assertThat(built.get(BACKGROUND_SNAPSHOTS + revision)).as("the background snapshots' processor")
                .isInstanceOf(TrackingEventProcessor.class);
        // what Axon hands Axon Server's event store: a snapshot of the schedule of another revision is skipped
        SnapshotFilter snapshots = (SnapshotFilter) built.get("snapshotFilter");
        assertThat(snapshots.allow(scheduleSnapshot("0"))).as("a snapshot of another revision").isFalse();
        assertThat(snapshots.allow(scheduleSnapshot(revision))).as("a snapshot of the aggregate's revision").isTrue();
    }

    private static DomainEventData<byte[]> scheduleSnapshot(String revision) {
        byte[] json = "{}".getBytes(StandardCharsets.UTF_8);
        return new GenericDomainEventEntry<>("ProviderSchedule", "provider-1", 41, "snapshot-1",
                Instant.now().toString(), ProviderSchedule.class.getName(), revision, json, json);
    }

    @Test
    void theQuerySideBuildsWithTheAxonServerProfileAndPoolsEveryProjection() throws IOException {
        Map<String, Object> built = buildUpToTheFirstConnection(QuerySideApplication.class, "query-side");

        assertTheProductionShape(built);
        for (String projection : List.of("scheduling", "waitlist", "audit", "reports")) {
            assertThat(built.get(projection)).as(projection).isInstanceOf(PooledStreamingEventProcessor.class);
        }
    }

    private static void assertTheProductionShape(Map<String, Object> built) {
        assertThat(built.get("eventStore")).isInstanceOf(AxonServerEventStore.class);
        assertThat(((AxonServerConfiguration) built.get("axonServer")).isEventBlockListingEnabled())
                .as("every processor sees every event, so tokens reach the head").isFalse();
        assertThat(built.get("tokenStore")).isInstanceOf(JpaTokenStore.class);
        assertThat(built.get("deadlines")).isInstanceOf(DbSchedulerDeadlineManager.class);
        assertThat((Collection<?>) built.get("serializers"))
                .allSatisfy(serializer -> assertThat(serializer).isInstanceOf(JacksonSerializer.class));
        assertThat(built.get("health")).isNotNull();
    }

    /**
     * Builds the application with the {@code axonserver} profile until every bean exists, then stops it before
     * any component starts (and would wait for Axon Server); returns the beans that make the shape.
     */
    private static Map<String, Object> buildUpToTheFirstConnection(Class<?> application, String configName)
            throws IOException {
        TestPostgres.TestDatabase database = TestPostgres.newDatabase();
        Path dataDir = Files.createTempDirectory("practice-scheduler-axonserver-profile");
        int nothingListens;
        try (ServerSocket socket = new ServerSocket(0)) {
            nothingListens = socket.getLocalPort();
        }
        MutableClock.OF_THE_JVM.runFrom(Instant.now());
        Map<String, Object> built = new HashMap<>();
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application)
                .profiles("axonserver")
                .properties(Map.of("spring.config.name", configName))
                .initializers(context -> {
                    context.getBeanFactory().registerSingleton("clock", MutableClock.OF_THE_JVM);
                    context.getBeanFactory().registerSingleton("stopBeforeStarting", new StopBeforeStarting(
                            context, built));
                });
        assertThatThrownBy(() -> builder.run("--server.port=0",
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.datasource.url=" + database.url(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--practice-scheduler.data-dir=" + dataDir,
                "--axon.axonserver.servers=localhost:" + nothingListens))
                .as("every bean was created; the start stopped where it should")
                .hasRootCauseInstanceOf(BuiltUpToStart.class);
        return built;
    }

    /** The first component to start: records the shape's beans, then stops the start. */
    private record StopBeforeStarting(ConfigurableApplicationContext context, Map<String, Object> built)
            implements SmartLifecycle {

        @Override
        public void start() {
            built.put("eventStore", context.getBean(EventStore.class));
            built.put("axonServer", context.getBean(AxonServerConfiguration.class));
            built.put("tokenStore", context.getBean(TokenStore.class));
            built.put("deadlines", context.getBean(DeadlineManager.class));
            built.put("serializers", context.getBeansOfType(Serializer.class).values());
            built.put("health", context.getBean("eventStoreHealthIndicator"));
            built.put("snapshotFilter", context.getBean(org.axonframework.config.Configuration.class).snapshotFilter());
            EventProcessingConfiguration processing = context.getBean(EventProcessingConfiguration.class);
            for (String projection : List.of("scheduling", "waitlist", "audit", "reports")) {
                processing.eventProcessor(projection).ifPresent(processor -> built.put(projection, processor));
            }
            processing.eventProcessors().forEach((name, processor) -> {
                if (name.startsWith(BACKGROUND_SNAPSHOTS)) {
                    built.put(name, processor);
                }
            });
            throw new BuiltUpToStart();
        }

        @Override
        public void stop() {
        }

        @Override
        public boolean isRunning() {
            return false;
        }

        @Override
        public int getPhase() {
            return Integer.MIN_VALUE;
        }
    }

    private static final class BuiltUpToStart extends RuntimeException {
    }
}
