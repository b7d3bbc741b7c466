package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.practicescheduler.platform.testing.TestPostgres;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The JDBC event store as the application builds it. The events of one command go as one multi-row insert
 * ({@link PositionRecordingAppend}): what is read back must be exactly what was appended, in order, and a
 * conflicting append must store none of its events. Its reads run without a transaction of their own
 * ({@link ReadsWithoutTransaction}).
 */
class JdbcEventStoreTest {

    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    private static JdbcEventStorageEngine engine;
    private static JdbcTemplate jdbc;

    record Booked(String appointmentId, String patientId) {
    }

    @BeforeAll
    static void store() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration/platform").load().migrate();
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        jdbc = new JdbcTemplate(dataSource);
        Serializer serializer = new MessageSerializer(JacksonSerializer.builder()
                .objectMapper(AxonPlatformConfiguration.messageObjectMapper()));
        engine = AxonPlatformConfiguration.statements(JdbcEventStorageEngine.builder())
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(AxonPlatformConfiguration.persistenceExceptionResolver())
                .connectionProvider(new DataSourceConnectionProvider(dataSource))
                .transactionManager(new ReadsWithoutTransaction(() -> {
                    TRANSACTIONS.incrementAndGet();
                    return NoTransactionManager.INSTANCE.startTransaction();
                }))
                .schema(AxonPlatformConfiguration.schema())
                .dataType(byte[].class)
                .build();
    }

    @Test
    void severalEventsAreStoredAsAppendedAndInOrder() {
        List<EventMessage<?>> appended = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            appended.add(new GenericDomainEventMessage<>("Schedule", "provider-several", i,
                    new Booked("appointment-" + i, "patient-" + i), MetaData.with("actor", "user-" + i))
                    .andMetaData(MetaData.with("n", i)));
        }
        appended.add(GenericEventMessage.asEventMessage(new Booked("no-aggregate", "patient-x")));

        engine.appendEvents(appended);

        List<? extends DomainEventMessage<?>> read = engine.readEvents("provider-several").asStream().toList();
        assertThat(read).hasSize(3);
        for (int i = 0; i < 3; i++) {
            DomainEventMessage<?> original = (DomainEventMessage<?>) appended.get(i);
            assertThat(read.get(i).getIdentifier()).isEqualTo(original.getIdentifier());
            assertThat(read.get(i).getSequenceNumber()).isEqualTo(i);
            assertThat(read.get(i).getType()).isEqualTo("Schedule");
            assertThat(read.get(i).getPayload()).isEqualTo(original.getPayload());
            assertThat(read.get(i).getMetaData()).isEqualTo(original.getMetaData());
            assertThat(read.get(i).getTimestamp()).isEqualTo(original.getTimestamp().truncatedTo(ChronoUnit.MILLIS));
        }
        List<String> ids = engine.readEvents(null, false).map(EventMessage::getIdentifier).toList();
        assertThat(ids).containsSubsequence(appended.stream().map(EventMessage::getIdentifier).toList());
        Long highest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        assertThat(EventPositions.appendedInThisThread()).isEqualTo(highest);
    }

    @Test
    void anAppendThatMeetsAnotherAtOneSequenceNumberStoresNoneOfItsEvents() {
        engine.appendEvents(events("provider-conflict", 0, 2));

        assertThatThrownBy(() -> engine.appendEvents(events("provider-conflict", 1, 3)))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(engine.readEvents("provider-conflict").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactly(0L, 1L);
    }

    /**
     * A command that decided on a stream without reading it (the practice's terms, as cached) appends only if that
     * stream has not moved on since: checked in the multi-row insert itself, and before Axon's batch.
     */
    @Test
    void aGuardedAppendStoresNothingOnceAStreamItDecidedOnHasMovedOn() {
        engine.appendEvents(events("practice-guarded", 0, 2));
        AtomicInteger dropped = new AtomicInteger();
        for (int count : new int[] {3, 1}) {
            String stream = "provider-guarded-" + count;
            assertThatThrownBy(() -> inUnitOfWork(() -> {
                AppendGuards.require("practice-guarded", 0, dropped::incrementAndGet);
                engine.appendEvents(events(stream, 0, count));
            })).as("%d events", count)
                    // a lost race, as the command's sender retries it: a new stream's first event reports it so
                    .isInstanceOfAny(ConcurrencyException.class, AggregateStreamCreationException.class);
            assertThat(engine.readEvents(stream).asStream().count()).isZero();
        }
        assertThat(dropped).as("what was cached of the stream is dropped").hasValue(2);

        inUnitOfWork(() -> {
            AppendGuards.require("practice-guarded", 1, dropped::incrementAndGet);
            AppendGuards.require("practice-never-written", -1, dropped::incrementAndGet);
            engine.appendEvents(events("provider-guarded", 0, 3));
        });
        inUnitOfWork(() -> {
            AppendGuards.require("practice-guarded", 1, dropped::incrementAndGet);
            engine.appendEvents(events("provider-guarded-alone", 0, 1));
        });
        assertThat(engine.readEvents("provider-guarded").asStream().count()).isEqualTo(3);
        assertThat(engine.readEvents("provider-guarded-alone").asStream().count()).isEqualTo(1);
        assertThat(dropped).hasValue(2);
    }

    /**
     * Appends that roll back leave their global indexes unused for good. A processor's read finds the next events past
     * a run of them wider than its batch (the engine's 100 here, 1,000 in the application) in one query, whether its
     * token holds gaps or not ({@link ReadsPastGaps}; Axon's second query after every empty read is off).
     */
    @Test
    void aReadFindsTheNextEventsPastAGapWiderThanABatch() {
        TrackingToken head = engine.createHeadToken();
        skipIndexes(1_500);
        engine.appendEvents(events("provider-past-a-gap", 0, 2));

        List<? extends TrackedEventMessage<?>> read = engine.readEvents(head, false).toList();

        assertThat(read).extracting(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                .containsExactly("provider-past-a-gap", "provider-past-a-gap");
        TrackingToken withGaps = read.get(1).trackingToken();
        assertThat(((GapAwareTrackingToken) withGaps).getGaps()).hasSizeGreaterThan(1_000);
        skipIndexes(1_500);
        engine.appendEvents(events("provider-past-another-gap", 0, 1));
        assertThat(engine.readEvents(withGaps, false).toList())
                .extracting(message -> ((DomainEventMessage<?>) message).getAggregateIdentifier())
                .containsExactly("provider-past-another-gap");
    }

    @Test
    void oneEventOrVeryManyGoAsAxonsBatch() {
        engine.appendEvents(events("provider-one", 0, 1));
        int many = PositionRecordingAppend.MOST_ROWS_AT_ONCE + 1;
        engine.appendEvents(events("provider-many", 0, many));

        assertThat(engine.readEvents("provider-one").asStream().count()).isEqualTo(1);
        assertThat(engine.readEvents("provider-many").asStream().map(DomainEventMessage::getSequenceNumber))
                .containsExactlyElementsOf(IntStream.range(0, many).mapToObj(Long::valueOf).toList());
        Long highest = jdbc.queryForObject("select max(global_index) from domain_event_entry", Long.class);
        assertThat(EventPositions.appendedInThisThread()).isEqualTo(highest);
    }

    @Test
    void anAppendRunsInATransactionAndAReadInNone() {
        int before = TRANSACTIONS.get();
        engine.appendEvents(events("provider-transactions", 0, 3));
        assertThat(TRANSACTIONS.get()).isEqualTo(before + 1);

        assertThat(engine.readEvents("provider-transactions").asStream().count()).isEqualTo(3);
        assertThat(engine.readEvents(null, false).count()).isGreaterThanOrEqualTo(3);
        assertThat(engine.lastSequenceNumberFor("provider-transactions")).contains(2L);
        assertThat(engine.createHeadToken()).isNotNull();

        assertThat(TRANSACTIONS.get()).isEqualTo(before + 1);
    }

    private static void skipIndexes(int count) {
        jdbc.queryForList("select nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))"
                + " from generate_series(1, ?)", count);
    }

    private static void inUnitOfWork(Runnable work) {
        DefaultUnitOfWork.startAndGet(null).execute(work);
    }

    private static List<EventMessage<?>> events(String aggregate, int from, int to) {
        return IntStream.range(from, to).<EventMessage<?>>mapToObj(i -> new GenericDomainEventMessage<>("Schedule",
                aggregate, i, new Booked(aggregate + "-" + i, "patient"))).toList();
    }
}
