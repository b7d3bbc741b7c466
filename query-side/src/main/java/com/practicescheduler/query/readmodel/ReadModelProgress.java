package com.practicescheduler.query.readmodel;

import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers {@link AwaitReadModelsQuery}: waits until the read models staff read next
 * ({@link ReadModels#READ_YOUR_WRITES}) have processed the event stream up to a position. Not the command side's
 * waitlist matcher, which runs alongside in the standalone launcher and may itself be waiting for this answer. Reads the processors' progress
 * in memory when this process owns all their segments,
 * otherwise from the shared token store (another instance of the query side owns them).
 */
@Component
class ReadModelProgress {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final long POLL_NANOS = Duration.ofMillis(2).toNanos();
    private static final long TOKEN_STORE_POLL_NANOS = Duration.ofMillis(20).toNanos();

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;

    ReadModelProgress(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @QueryHandler
    ReadModelsCaughtUp handle(AwaitReadModelsQuery query) {
        return new ReadModelsCaughtUp(reached(query.position(), query.timeout()));
    }

    /** Whether the read models reach {@code position} within {@code timeout} (at most 10 s). */
    boolean reached(long position, Duration timeout) {
        Duration wait = timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout;
        long deadline = System.nanoTime() + wait.toNanos();
        List<StreamingEventProcessor> processors = processing.eventProcessors().values().stream()
                .filter(processor -> ReadModels.READ_YOUR_WRITES.contains(processor.getName()))
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
        while (true) {
            boolean fromTokenStore = false;
            boolean caughtUp = true;
            for (StreamingEventProcessor processor : processors) {
                Optional<Long> local = localPosition(processor);
                fromTokenStore |= local.isEmpty();
                long processed = local.orElseGet(() -> storedPosition(processor.getName()));
                caughtUp &= processed >= position;
            }
            if (caughtUp) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(fromTokenStore ? TOKEN_STORE_POLL_NANOS : POLL_NANOS);
        }
    }

    /** The lowest position over the processor's segments, if this process holds every segment. */
    private static Optional<Long> localPosition(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        double covered = status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
        if (status.isEmpty() || covered < 0.999) {
            return Optional.empty();
        }
        return Optional.of(status.values().stream()
                .mapToLong(s -> s.getCurrentPosition().orElse(-1))
                .min().orElse(-1));
    }

    private long storedPosition(String processorName) {
        List<Long> positions = jdbc.query(
                "select token, token_type from token_entry where processor_name = ?",
                (rs, row) -> {
                    byte[] token = rs.getBytes("token");
                    if (token == null) {
                        return -1L;
                    }
                    TrackingToken tracking = serializer.deserialize(
                            new SimpleSerializedObject<>(token, byte[].class, rs.getString("token_type"), null));
                    return tracking == null ? -1L : tracking.position().orElse(-1);
                },
                processorName);
        return positions.stream().mapToLong(Long::longValue).min().orElse(-1);
    }
}
