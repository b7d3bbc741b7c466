package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.axon.LingeringEventSource;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.axonframework.common.Registration;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.queryhandling.QueryBus;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A command's answer waits for the read models, and says up to where its events are written. When the read models
 * do not get there in time the answer still goes out — its events are durable — and the late wait is counted, so
 * operators see it (on Axon Server, block listing once made every command wait out its timeout, unnoticed).
 */
class ReadYourWritesTest extends IntegrationTest {

    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    MeterRegistry metrics;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore eventStore;
    @Autowired
    TransactionManager transactionManager;
    @Autowired
    QueryGateway queryGateway;
    @Autowired
    QueryBus queryBus;
    @Autowired
    DataSource dataSource;

    /**
     * A processor that no answer waits for lets events gather before its next batch (LingeringEventSource); the
     * ones a command's answer waits for must never linger, or every answer would wait the linger too.
     */
    @Test
    void onlyTheProcessorsNoAnswerWaitsForLetEventsGather() {
        Map<String, Boolean> lingers = new TreeMap<>();
        processing.eventProcessors().forEach((name, processor) -> lingers.put(name,
                ((TrackingEventProcessor) processor).getMessageSource() instanceof LingeringEventSource));

        assertThat(lingers).containsEntry("scheduling", false).containsEntry("waitlist", false)
                .containsEntry("audit", true).containsEntry("reports", true).containsEntry("notifications", true)
                .containsEntry("webhook-deliveries", true).containsEntry("waitlist-matcher", true)
                .containsEntry("series-extension", true);
        assertThat(lingers.entrySet()).filteredOn(entry -> !entry.getValue()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("scheduling", "waitlist");
    }

    @Test
    void aCommandWhoseReadModelsFallBehindIsAnsweredAndTheLateWaitCounted() {
        PracticeFixture practice = newPractice();
        double lateBefore = lateWaits();
        StreamingEventProcessor scheduling = processing.eventProcessor("scheduling", StreamingEventProcessor.class)
                .orElseThrow();
        scheduling.shutDown();
        Api.Response created;
        try {
            created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake", "durationMinutes", 60));

            assertThat(created.status()).isEqualTo(201);
            assertThat(lateWaits()).isEqualTo(lateBefore + 1);
        } finally {
            scheduling.start();
        }
        String position = created.headers().firstValue("X-Event-Position").orElseThrow();
        assertThat(api.send(practice.admin, "GET", "/api/v1/services", null, Map.of("X-Event-Position", position))
                .body().path("services")).extracting(s -> s.path("id").asText()).containsExactly(created.id());
    }

    @Test
    void aCommandAnsweredAfterItsReadModelsCaughtUpCountsNoLateWait() {
        PracticeFixture practice = newPractice();
        double lateBefore = lateWaits();

        Api.Response created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake",
                "durationMinutes", 60));

        assertThat(created.status()).isEqualTo(201);
        assertThat(Long.parseLong(created.headers().firstValue("X-Event-Position").orElseThrow())).isPositive();
        assertThat(api.get(practice.admin, "/api/v1/services").body().path("services")).hasSize(1);
        assertThat(lateWaits()).isEqualTo(lateBefore);
    }

    /**
     * With the query side in the same process a command waits on it directly; the query bus (a transaction and a
     * query message per command) is for a command side of its own. What was written is readable all the same.
     */
    @Test
    void aCommandWaitsForTheReadModelsOfItsOwnProcessWithoutTheQueryBus() {
        PracticeFixture practice = newPractice();
        AtomicInteger waitsOverTheBus = new AtomicInteger();
        Registration counting = queryBus.registerDispatchInterceptor(queries -> (index, query) -> {
            if (query.getPayload() instanceof AwaitReadModelsQuery) {
                waitsOverTheBus.incrementAndGet();
            }
            return query;
        });
        try {
            Api.Response created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake",
                    "durationMinutes", 60));

            assertThat(created.status()).isEqualTo(201);
            assertThat(api.get(practice.admin, "/api/v1/services").body().path("services"))
                    .extracting(service -> service.path("id").asText()).containsExactly(created.id());
            assertThat(waitsOverTheBus).hasValue(0);
        } finally {
            counting.cancel();
        }
    }

    @Test
    void theAnswerNamesThePositionOfTheCommandsOwnLastEvent() {
        PracticeFixture practice = newPractice();

        Api.Response created = api.post(practice.admin, "/api/v1/services", Map.of("name", "Intake",
                "durationMinutes", 60));
        long position = Long.parseLong(created.headers().firstValue("X-Event-Position").orElseThrow());
        String correlationId = created.headers().firstValue("X-Correlation-Id").orElseThrow();
        // events of other practices' commands may follow at once; the answer's position is this command's
        api.post(newPractice().admin, "/api/v1/services", Map.of("name", "Other", "durationMinutes", 30));

        assertThat(position).isEqualTo(jdbc.queryForObject("""
                select max(global_index) from domain_event_entry
                where convert_from(meta_data, 'UTF8')::jsonb ->> 'audit.correlationId' = ?""",
                Long.class, correlationId));
        assertThat(position).isLessThan(jdbc.queryForObject("select max(global_index) from domain_event_entry",
                Long.class));
    }

    @Test
    void requestsWaitingForTheReadModelsLeaveTheDatabaseConnectionsToEveryoneElse() throws Exception {
        PracticeFixture practice = newPractice();
        HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
        int waiters = pool.getMaximumPoolSize() + 5;
        long unreached = EventPositions.head(eventStore) + 1_000_000_000L;
        ExecutorService threads = Executors.newFixedThreadPool(waiters);
        CountDownLatch asked = new CountDownLatch(waiters);
        try {
            List<Future<ReadModelsCaughtUp>> waiting = new ArrayList<>();
            for (int i = 0; i < waiters; i++) {
                waiting.add(threads.submit(() -> {
                    asked.countDown();
                    return queryGateway.query(new AwaitReadModelsQuery(unreached, Duration.ofSeconds(10)),
                            ReadModelsCaughtUp.class).get();
                }));
            }
            asked.await();

            // a waiter that held a connection for its wait would leave none to this read until the waits ran out
            assertThat(api.get(practice.admin, "/api/v1/services").status()).isEqualTo(200);
            assertThat(waiting).noneMatch(Future::isDone);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aThreadKnowsThePositionsOfTheEventsItAppendedNotThoseOfOthersAppendedAfter() throws Exception {
        String own = UUID.randomUUID().toString();
        String others = UUID.randomUUID().toString();

        EventPositions.forgetAppended();
        append(own);
        CompletableFuture.runAsync(() -> append(others)).get();

        assertThat(EventPositions.appendedInThisThread()).isEqualTo(positionOf(own)).isLessThan(positionOf(others));
        EventPositions.forgetAppended();
        assertThat(EventPositions.appendedInThisThread()).isEqualTo(-1);
    }

    /** An event no handler takes, appended in a unit of work of the calling thread. */
    record PositionMarker(String id) {
    }

    private void append(String id) {
        DefaultUnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactionManager);
        unitOfWork.execute(() -> eventStore.publish(GenericEventMessage.asEventMessage(new PositionMarker(id))));
    }

    private long positionOf(String markerId) {
        return jdbc.queryForObject("""
                select global_index from domain_event_entry
                where convert_from(payload, 'UTF8')::jsonb ->> 'id' = ? and payload_type like '%PositionMarker'""",
                Long.class, markerId);
    }

    private double lateWaits() {
        return metrics.counter("practice_scheduler.read_your_writes.timeouts").count();
    }
}
