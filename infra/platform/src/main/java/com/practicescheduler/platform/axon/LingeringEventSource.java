package com.practicescheduler.platform.axon;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;

/**
 * The event stream for processors nobody's answer waits for (audit trail, reports, messages to patients, webhooks,
 * background snapshots, the waitlist matcher...): such a processor starts its batches at most once per linger, so
 * that under load the events of many commands share one batch — one transaction and one token write for all of
 * them. Without it a tracking processor runs a batch (and stores its token, even when it handles none of the
 * events) for every few events.
 * <p>
 * An event after a quiet spell is handed over at once, and a processor that is behind (its last batch held
 * {@value #CATCHING_UP} events or more: catching up, replaying) never waits. Only the blocking wait of a tracking
 * processor lingers; everything else is the event store's own stream, so a pooled processor (Axon Server) reads it
 * unchanged. Read-your-writes processors must not use this source: the linger would be added to answers.
 */
public final class LingeringEventSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /**
     * A batch of at least this many events was catching up (or replaying): the next one starts at once. The
     * smallest batch size of the processors that use this source (50), so that a full batch always counts.
     */
    static final int CATCHING_UP = 50;

    /** The linger, for {@code @Value}: {@code practice-scheduler.event-processing.linger}. */
    public static final String LINGER = "${practice-scheduler.event-processing.linger:PT0.25S}";

    private final StreamableMessageSource<TrackedEventMessage<?>> source;
    private final long lingerNanos;

    public LingeringEventSource(StreamableMessageSource<TrackedEventMessage<?>> source, Duration linger) {
        this.source = source;
        this.lingerNanos = linger.toNanos();
    }

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken trackingToken) {
        BlockingStream<TrackedEventMessage<?>> stream = source.openStream(trackingToken);
        return lingerNanos <= 0 ? stream : new Lingering(stream, lingerNanos);
    }

    @Override
    public TrackingToken createTailToken() {
        return source.createTailToken();
    }

    @Override
    public TrackingToken createHeadToken() {
        return source.createHeadToken();
    }

    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        return source.createTokenAt(dateTime);
    }

    @Override
    public TrackingToken createTokenSince(Duration duration) {
        return source.createTokenSince(duration);
    }

    /** One processor thread's stream: not shared between threads, as Axon's tracking processor never does. */
    private static final class Lingering implements BlockingStream<TrackedEventMessage<?>> {

        private final BlockingStream<TrackedEventMessage<?>> stream;
        private final long lingerNanos;
        private long lastBatchStarted;
        private int takenSinceLastBatchStarted = CATCHING_UP;

        Lingering(BlockingStream<TrackedEventMessage<?>> stream, long lingerNanos) {
            this.stream = stream;
            this.lingerNanos = lingerNanos;
        }

        /**
         * Waits for an event as the stream does; then, unless the last batch was a catching-up one, not before the
         * linger has passed since the last batch started. An event after a quiet spell is thus handed over at once.
         */
        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            if (!stream.hasNextAvailable(timeout, unit)) {
                return false;
            }
            if (takenSinceLastBatchStarted < CATCHING_UP) {
                long wait = lastBatchStarted + lingerNanos - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
            lastBatchStarted = System.nanoTime();
            takenSinceLastBatchStarted = 0;
            return true;
        }

        @Override
        public boolean hasNextAvailable() {
            return stream.hasNextAvailable();
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            return stream.peek();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            TrackedEventMessage<?> next = stream.nextAvailable();
            takenSinceLastBatchStarted++;
            return next;
        }

        @Override
        public void close() {
            stream.close();
        }

        @Override
        public Stream<TrackedEventMessage<?>> asStream() {
            return stream.asStream();
        }

        @Override
        public void skipMessagesWithPayloadTypeOf(TrackedEventMessage<?> ignoredMessage) {
            stream.skipMessagesWithPayloadTypeOf(ignoredMessage);
        }

        @Override
        public boolean setOnAvailableCallback(Runnable callback) {
            return stream.setOnAvailableCallback(callback);
        }
    }
}
