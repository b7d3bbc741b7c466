package com.practicescheduler.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** On Axon's own embedded event store (in memory): what a processor reading through the linger gets, and when. */
class LingeringEventSourceTest {

    private final EmbeddedEventStore store = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine()).build();
    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        later.shutdownNow();
        store.shutDown();
    }

    @Test
    @Timeout(30)
    void underLoadBatchesStartAtMostOncePerLingerAndHoldWhatArrivedMeanwhile() throws Exception {
        Duration linger = Duration.ofSeconds(1);
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, linger).openStream(null);
        later.schedule(() -> store.publish(GenericEventMessage.asEventMessage("after a quiet spell")), 50,
                TimeUnit.MILLISECONDS);

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        long firstBatch = System.nanoTime();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("after a quiet spell");
        later.schedule(() -> store.publish(GenericEventMessage.asEventMessage("second")), 50, TimeUnit.MILLISECONDS);
        later.schedule(() -> store.publish(GenericEventMessage.asEventMessage("third")), 100, TimeUnit.MILLISECONDS);

        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - firstBatch)).isGreaterThanOrEqualTo(linger);
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second");
        assertThat(stream.hasNextAvailable()).as("what came during the linger is in the same batch").isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("third");
        stream.close();
    }

    @Test
    @Timeout(30)
    void anEventAfterAQuietSpellIsHandedOverAtOnce() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofHours(1))
                .openStream(null);
        later.schedule(() -> store.publish(GenericEventMessage.asEventMessage("alone")), 50, TimeUnit.MILLISECONDS);

        // were it to linger, this would wait an hour and the test time out
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("alone");
        stream.close();
    }

    @Test
    @Timeout(30)
    void aProcessorCatchingUpNeverLingers() throws Exception {
        for (int i = 0; i < 3 * LingeringEventSource.CATCHING_UP; i++) {
            store.publish(GenericEventMessage.asEventMessage("written before the processor looked " + i));
        }
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofHours(1))
                .openStream(null);

        // three full batches one after the other; were it to linger, this would wait hours and time out
        for (int batch = 0; batch < 3; batch++) {
            assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < LingeringEventSource.CATCHING_UP; i++) {
                int written = batch * LingeringEventSource.CATCHING_UP + i;
                assertThat(stream.nextAvailable().getPayload())
                        .isEqualTo("written before the processor looked " + written);
            }
        }
        stream.close();
    }

    @Test
    @Timeout(30)
    void withNoEventTheWaitEndsAtItsTimeoutWithoutLingering() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofHours(1))
                .openStream(null);

        assertThat(stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)).isFalse();
        stream.close();
    }

    /** Axon Server's pooled processors only ask without blocking: they read the stream as it is. */
    @Test
    @Timeout(30)
    void askingWithoutBlockingNeverLingers() throws Exception {
        BlockingStream<TrackedEventMessage<?>> stream = new LingeringEventSource(store, Duration.ofHours(1))
                .openStream(null);
        store.publish(GenericEventMessage.asEventMessage("first"));
        assertThat(stream.hasNextAvailable(10, TimeUnit.SECONDS)).isTrue();
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("first");

        store.publish(GenericEventMessage.asEventMessage("second, inside the hour's linger"));

        assertThat(stream.hasNextAvailable()).isTrue();
        assertThat(stream.peek().map(message -> (Object) message.getPayload()))
                .contains("second, inside the hour's linger");
        assertThat(stream.nextAvailable().getPayload()).isEqualTo("second, inside the hour's linger");
        stream.close();
    }

    @Test
    void tokensAreTheStoresOwn() {
        store.publish(GenericEventMessage.asEventMessage("one"), GenericEventMessage.asEventMessage("two"));
        LingeringEventSource source = new LingeringEventSource(store, Duration.ofMillis(20));

        assertThat(source.createHeadToken()).isEqualTo(store.createHeadToken()).isNotNull();
        assertThat(source.createTailToken()).isEqualTo(store.createTailToken());
        assertThat(source.createTokenSince(Duration.ofDays(1))).isEqualTo(store.createTokenSince(Duration.ofDays(1)));
    }
}
