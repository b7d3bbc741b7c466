package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.practicescheduler.platform.testing.TestPostgres;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.common.jdbc.DataSourceConnectionProvider;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * When the reader at the head of the event stream reads ({@link HeadReads}): on its own, and as the embedded event
 * store's producer over the application's JDBC engine and a real PostgreSQL.
 */
class HeadReadsTest {

    @Test
    @Timeout(30)
    void aReadRightAfterAnotherWaitsForACommitOfThisProcess() {
        HeadReads reads = new HeadReads(Duration.ofHours(1));
        reads.beforeRead();
        AtomicReference<Thread> reader = new AtomicReference<>();
        CompletableFuture<Void> next = CompletableFuture.runAsync(() -> {
            reader.set(Thread.currentThread());
            reads.beforeRead();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> reader.get() != null
                && reader.get().getState() == Thread.State.TIMED_WAITING);
        assertThat(next).as("nothing committed since the last read began").isNotDone();

        reads.committed();

        await().atMost(Duration.ofSeconds(10)).until(next::isDone);
    }

    @Test
    @Timeout(30)
    void aCommitDuringTheLastReadIsReadAtOnce() {
        HeadReads reads = new HeadReads(Duration.ofHours(1));
        reads.beforeRead();
        reads.committed();

        // were it to wait, the test would time out an hour early
        reads.beforeRead();
    }

    @Test
    @Timeout(30)
    void withoutACommitTheNextReadWaitsNoLongerThanThePatience() {
        Duration patience = Duration.ofMillis(300);
        HeadReads reads = new HeadReads(patience);
        reads.beforeRead();
        long began = System.nanoTime();

        reads.beforeRead();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isGreaterThanOrEqualTo(patience.minusMillis(1))
                .isLessThan(Duration.ofSeconds(10));
    }

    /**
     * Axon's producer reads again at once after every read that found events, and each of its reads ends only at an
     * empty query: each commit cost a query that found it and two that found nothing. Paced, and ending at a batch
     * that is not full, one query per commit.
     */
    @Test
    @Timeout(120)
    void theStoresReaderReadsOncePerCommitAndEveryCommitIsDelivered() throws Exception {
        AtomicInteger headReads = new AtomicInteger();
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(engine(database(), headReads, Duration.ofHours(1))).build();
        try (Tailing processor = new Tailing(store)) {
            int commits = 30;
            for (int i = 0; i < commits; i++) {
                processor.awaitWaiting();
                publishCommitted(store, "commit-" + i);
                processor.awaitDelivered("commit-" + i);
            }

            // Axon's own: 91 here; with either rule alone 61; with both one per commit, and a first one
            assertThat(headReads.get()).isBetween(commits, commits + 2);
        } finally {
            store.shutDown();
        }
    }

    @Test
    @Timeout(120)
    void eventsAppendedElsewhereAreReadAfterThePatience() throws Exception {
        TestPostgres.TestDatabase db = database();
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(engine(db, new AtomicInteger(), Duration.ofMillis(200))).build();
        // another process's engine on the same store: its commits wake nobody here
        JdbcEventStorageEngine elsewhere = engine(db, new AtomicInteger(), Duration.ofMillis(200));
        try (Tailing processor = new Tailing(store)) {
            processor.awaitWaiting();
            publishCommitted(store, "here");
            processor.awaitDelivered("here");
            processor.awaitWaiting();

            elsewhere.appendEvents(GenericEventMessage.asEventMessage("elsewhere"));

            // the read after the one that found "here" waits for a commit here, which never comes, or the patience
            processor.awaitDelivered("elsewhere");
        } finally {
            store.shutDown();
        }
    }

    /** A processor's thread at the head of the store: what it was handed, and whether it waits for more. */
    private static final class Tailing implements AutoCloseable {

        private final List<Object> delivered = new CopyOnWriteArrayList<>();
        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private volatile Thread running;

        Tailing(EmbeddedEventStore store) {
            thread.execute(() -> {
                running = Thread.currentThread();
                try (BlockingStream<TrackedEventMessage<?>> stream = store.openStream(null)) {
                    while (!Thread.currentThread().isInterrupted()) {
                        if (stream.hasNextAvailable(1, TimeUnit.MINUTES)) {
                            delivered.add(stream.nextAvailable().getPayload());
                        }
                    }
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            });
        }

        void awaitWaiting() {
            await().atMost(Duration.ofSeconds(10)).until(() -> running != null
                    && running.getState() == Thread.State.TIMED_WAITING);
        }

        void awaitDelivered(Object payload) {
            await().atMost(Duration.ofSeconds(10)).until(() -> delivered.contains(payload));
        }

        @Override
        public void close() {
            thread.shutdownNow();
        }
    }

    private static void publishCommitted(EmbeddedEventStore store, String payload) {
        DefaultUnitOfWork.startAndGet(null).execute(() -> store.publish(GenericEventMessage.asEventMessage(payload)));
    }

    private static TestPostgres.TestDatabase database() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        Flyway.configure().dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration/platform").load().migrate();
        return db;
    }

    /** The application's engine; {@code headReads} counts the reads of the store's reader at the head. */
    private static JdbcEventStorageEngine engine(TestPostgres.TestDatabase db, AtomicInteger headReads,
                                                 Duration patience) {
        DriverManagerDataSource dataSource = new DriverManagerDataSource(db.url(), db.username(), db.password());
        DataSourceConnectionProvider connections = new DataSourceConnectionProvider(dataSource);
        Serializer serializer = new MessageSerializer(JacksonSerializer.builder()
                .objectMapper(AxonPlatformConfiguration.messageObjectMapper()));
        JdbcEventStorageEngine.Builder builder = AxonPlatformConfiguration.statements(JdbcEventStorageEngine.builder())
                .snapshotSerializer(serializer)
                .eventSerializer(serializer)
                .persistenceExceptionResolver(AxonPlatformConfiguration.persistenceExceptionResolver())
                .connectionProvider(() -> counting(connections.getConnection(), headReads))
                .transactionManager(new ReadsWithoutTransaction(NoTransactionManager.INSTANCE))
                .schema(AxonPlatformConfiguration.schema())
                .dataType(byte[].class);
        return new JdbcStorageWithParsedTimestamps(builder, patience);
    }

    private static Connection counting(Connection connection, AtomicInteger headReads) {
        return (Connection) Proxy.newProxyInstance(HeadReadsTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("prepareStatement") && args != null && args[0] instanceof String sql
                            && sql.contains("global_index > ?")
                            && Thread.currentThread().getName().startsWith("EmbeddedEventStore")) {
                        headReads.incrementAndGet();
                    }
                    try {
                        return method.invoke(connection, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
