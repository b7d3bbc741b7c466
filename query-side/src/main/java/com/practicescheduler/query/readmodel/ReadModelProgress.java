package com.practicescheduler.query.readmodel;

import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import com.practicescheduler.platform.axon.EventPositions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Answers {@link AwaitReadModelsQuery}: waits until the read models staff read next
 * ({@link ReadModels#READ_YOUR_WRITES}) have processed the event stream up to a position. Not the command side's
 * waitlist matcher, which runs alongside in the standalone launcher and may itself be waiting for this answer.
 *
 * <p>When this process holds every segment of those processors, a waiter is woken by the processors themselves:
 * each batch, once its transaction (read-model rows and token together) has committed, notes how far it got and
 * wakes the waiters ({@link #recorder}), so an answer goes out as soon as its events can be read, with no polling
 * interval. A batch of events none of the processor's handlers takes commits without a unit of work and wakes no
 * one; the processor's own status covers it, looked at again every {@link #RECHECK_NANOS} while someone waits.
 * When another instance of the query side holds the segments, their progress is read from the shared token store.
 */
@Component
class ReadModelProgress {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final long RECHECK_NANOS = Duration.ofMillis(5).toNanos();
    private static final long TOKEN_STORE_POLL_NANOS = Duration.ofMillis(20).toNanos();
    private static final String RECORDING = ReadModelProgress.class.getName() + ".recording";

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    /** Per processor and segment, the position its last committed batch reached in this process. */
    private final Map<String, Map<Integer, Long>> committed = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final AtomicInteger waiting = new AtomicInteger();

    ReadModelProgress(EventProcessingConfiguration processing, JdbcTemplate jdbc, Serializer serializer) {
        this.processing = processing;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    @Autowired
    void configure(EventProcessingConfigurer configurer) {
        ReadModels.READ_YOUR_WRITES.forEach(name -> configurer.registerHandlerInterceptor(name,
                configuration -> recorder(name)));
    }

    @QueryHandler
    ReadModelsCaughtUp handle(AwaitReadModelsQuery query) {
        return new ReadModelsCaughtUp(reached(query.position(), query.timeout()));
    }

    /**
     * Notes, once a batch of {@code processor} has committed, the position it reached. Reads the batch's last
     * token from the unit of work's resources, where Axon's tracking processor keeps it
     * ({@code Processor[name]/Token}, {@code Processor[name]/SegmentId}); without them nothing is noted and the
     * processor's status answers.
     */
    MessageHandlerInterceptor<EventMessage<?>> recorder(String processor) {
        String tokenKey = "Processor[" + processor + "]/Token";
        String segmentKey = "Processor[" + processor + "]/SegmentId";
        return (unitOfWork, chain) -> {
            UnitOfWork<?> batch = unitOfWork.root();
            if (batch.resources().putIfAbsent(RECORDING, Boolean.TRUE) == null) {
                batch.afterCommit(done -> {
                    Object token = done.resources().get(tokenKey);
                    Object segment = done.resources().get(segmentKey);
                    if (token instanceof TrackingToken tracking && segment instanceof Integer segmentId) {
                        Long position = EventPositions.of(tracking);
                        if (position != null) {
                            advanced(processor, segmentId, position);
                        }
                    }
                });
            }
            return chain.proceed();
        };
    }

    private void advanced(String processor, int segment, long position) {
        committed.computeIfAbsent(processor, name -> new ConcurrentHashMap<>()).put(segment, position);
        if (waiting.get() > 0) {
            lock.lock();
            try {
                advanced.signalAll();
            } finally {
                lock.unlock();
            }
        }
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
        waiting.incrementAndGet();
        lock.lock();
        try {
            while (true) {
                // checked under the lock a batch takes to wake waiters, so no wake-up falls between check and wait
                boolean fromTokenStore = false;
                boolean caughtUp = true;
                for (StreamingEventProcessor processor : processors) {
                    Optional<Long> local = localPosition(processor);
                    fromTokenStore |= local.isEmpty();
                    long processed = local.orElseGet(() -> storedPosition(processor.getName()));
                    caughtUp &= processed >= position;
                }
                long left = deadline - System.nanoTime();
                if (caughtUp) {
                    return true;
                }
                if (left <= 0) {
                    return false;
                }
                if (fromTokenStore) {
                    lock.unlock();
                    try {
                        LockSupport.parkNanos(Math.min(left, TOKEN_STORE_POLL_NANOS));
                    } finally {
                        lock.lock();
                    }
                } else {
                    advanced.awaitNanos(Math.min(left, RECHECK_NANOS));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            lock.unlock();
            waiting.decrementAndGet();
        }
    }

    /**
     * The lowest position over the processor's segments, if this process holds every segment: per segment the
     * further of its status and its last committed batch (while not replaying, when the status alone counts).
     */
    private Optional<Long> localPosition(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        double covered = status.values().stream().mapToDouble(s -> 1.0 / (s.getSegment().getMask() + 1)).sum();
        if (status.isEmpty() || covered < 0.999) {
            return Optional.empty();
        }
        Map<Integer, Long> batches = committed.getOrDefault(processor.getName(), Map.of());
        return Optional.of(status.entrySet().stream()
                .mapToLong(entry -> {
                    long tracked = entry.getValue().getCurrentPosition().orElse(-1);
                    Long batch = batches.get(entry.getKey());
                    return batch == null || entry.getValue().isReplaying() ? tracked : Math.max(tracked, batch);
                })
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
