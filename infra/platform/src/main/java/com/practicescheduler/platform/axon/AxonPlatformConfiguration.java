package com.practicescheduler.platform.axon;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.time.Duration;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.jdbc.UnitOfWorkAwareConnectionProviderWrapper;
import org.axonframework.common.jpa.EntityManagerProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcSQLErrorCodesResolver;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.jdbc.SpringDataSourceConnectionProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * Jackson for every message, event and snapshot (never XStream), and — when Axon Server is not used — Axon's
 * JDBC event storage engine on PostgreSQL with a Flyway-managed schema ({@code bytea} payloads, a
 * {@code bigserial} global index: neither OID large objects nor Hibernate's sequence pre-allocation gaps).
 */
@Configuration(proxyBeanMethods = false)
class AxonPlatformConfiguration {

    /**
     * Events per query of a tracking processor reading behind the head (catch-up, rebuild), and per query of an
     * aggregate's stream: 1,000 instead of Axon's 100, a tenth of the queries.
     */
    private static final int EVENT_QUERY_BATCH = 1000;

    /** The mapper for Axon's messages; separate from the web mapper so REST settings never change stored data. */
    static ObjectMapper messageObjectMapper() {
        return JsonMapper.builder()
                .findAndAddModules()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                // tolerate fields added by later revisions when an older node reads newer events
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    private static Serializer jackson() {
        return new MessageSerializer(JacksonSerializer.builder().objectMapper(messageObjectMapper()));
    }

    /**
     * The stream of the processors no command's answer waits for ({@link LingeringEventSource}); set as their
     * {@code source} ({@code axon.eventhandling.processors.<name>.source}) or given when they are registered in code.
     */
    @Bean
    LingeringEventSource lingeringEvents(EventStore eventStore,
                                         @Value(LingeringEventSource.LINGER) Duration linger) {
        return new LingeringEventSource(eventStore, linger);
    }

    /**
     * Every unit of work — command, query, processor batch, deadline — runs under {@link UnitOfWorkTimeLimit}
     * ({@code practice-scheduler.time-limit.*}; Axon's own, {@code axon.timeout}, is off).
     */
    @Bean
    ConfigurerModule unitOfWorkTimeLimits(@Value("${practice-scheduler.time-limit.unit-of-work:PT60S}") Duration limit,
                                          @Value("${practice-scheduler.time-limit.warn-after:PT10S}") Duration warn) {
        return UnitOfWorkTimeLimit.onEveryUnitOfWork(limit, warn);
    }

    /** Projections park an event whose handler fails in the database, instead of retrying their batch forever. */
    @Bean
    ParkAfterDatabaseFailure parkAfterDatabaseFailure() {
        return new ParkAfterDatabaseFailure();
    }

    @Bean
    @Primary
    Serializer serializer() {
        return jackson();
    }

    /**
     * Axon's JPA token store (as Spring Boot's Axon configuration would make it), writing each batch's token with a
     * plain update ({@link DirectTokenWrites}).
     */
    @Bean
    TokenStore tokenStore(Serializer serializer, EntityManagerProvider entityManagerProvider,
                          @Value("${axon.eventhandling.tokenstore.claim-timeout:PT10S}") Duration claimTimeout) {
        return DirectTokenWrites.create(entityManagerProvider, serializer, claimTimeout);
    }

    @Bean
    @Qualifier("messageSerializer")
    Serializer messageSerializer() {
        return jackson();
    }

    @Bean
    @Qualifier("eventSerializer")
    Serializer eventSerializer() {
        return jackson();
    }

    /**
     * Deadlines fall due on the same clock as every rule reads (the application's {@link java.time.Clock}), not on
     * db-scheduler's own system clock: an offer's expiry and the rule that refuses accepting it agree, and tests
     * that set the clock see deadlines fire when their clock says so.
     */
    @Bean
    com.github.kagkarlsson.scheduler.Clock deadlineClock(java.time.Clock clock) {
        return clock::instant;
    }

    @Bean
    EventSchema eventSchema() {
        return schema();
    }

    static EventSchema schema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    /**
     * The engine applies the aggregates' snapshot filters ({@code @Aggregate(snapshotFilter = ...)}, combined by
     * Axon's configuration, as Axon's own auto-configuration and the Axon Server event store do): without them a
     * snapshot of another revision than the aggregate's would be read as if it were current. They are looked up when
     * a snapshot is read, once every aggregate is configured. A snapshot stored at the sequence number of one of
     * another revision replaces it ({@link SnapshotReplacingOtherRevision}). A command's events go as one insert
     * ({@link PositionRecordingAppend}); reads run without a transaction of their own
     * ({@link ReadsWithoutTransaction}), a processor's read finds the next events in one query however wide the
     * gap before them ({@link ReadsPastGaps}), and the reader at the head of the stream reads again once this process
     * has committed since its last read, or after {@code practice-scheduler.event-store.head-read-patience}
     * ({@link HeadReads}).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(Serializer serializer,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          DataSource dataSource, TransactionManager transactionManager,
                                          EventSchema eventSchema, org.axonframework.config.Configuration axon,
                                          @Value("${practice-scheduler.event-store.head-read-patience:PT0.01S}")
                                          Duration headReadPatience) {
        return new JdbcStorageWithParsedTimestamps(statements(JdbcEventStorageEngine.builder())
                .snapshotSerializer(serializer)
                .eventSerializer(eventSerializer)
                .snapshotFilter(snapshot -> axon.snapshotFilter().allow(snapshot))
                .appendSnapshot(SnapshotReplacingOtherRevision::appendSnapshot)
                .persistenceExceptionResolver(persistenceExceptionResolver())
                .connectionProvider(new UnitOfWorkAwareConnectionProviderWrapper(
                        new SpringDataSourceConnectionProvider(dataSource)))
                .transactionManager(new ReadsWithoutTransaction(transactionManager))
                .schema(eventSchema)
                .dataType(byte[].class)
                .batchSize(EVENT_QUERY_BATCH), headReadPatience);
    }

    /** How the engine reads a processor's next events and appends a command's ({@code builder} returned). */
    static JdbcEventStorageEngine.Builder statements(JdbcEventStorageEngine.Builder builder) {
        return builder.readEventDataWithoutGaps(ReadsPastGaps::withoutGaps)
                .readEventDataWithGaps(ReadsPastGaps::withGaps)
                .extendedGapCheckEnabled(false)
                .appendEvents(new PositionRecordingAppend());
    }

    static PersistenceExceptionResolver persistenceExceptionResolver() {
        // PostgreSQL reports a duplicate (aggregate, sequence number) as SQLState 23505
        JdbcSQLErrorCodesResolver standard = new JdbcSQLErrorCodesResolver();
        return exception -> standard.isDuplicateKeyViolation(exception) || hasSqlState(exception, "23505");
    }

    private static boolean hasSqlState(Throwable exception, String sqlState) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sqlState.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
