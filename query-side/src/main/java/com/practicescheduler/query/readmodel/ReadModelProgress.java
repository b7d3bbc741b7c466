package com.practicescheduler.query.readmodel;

import com.practicescheduler.api.projection.AwaitReadModelsQuery;
import com.practicescheduler.api.projection.ReadModelsCaughtUp;
import com.practicescheduler.platform.DaemonThreads;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.platform.command.LocalReadModels;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * <p>The query's answer is a future: the query bus runs every handler in a transaction, which holds a database
 * connection until the handler returns, and a wait must not. Waiting requests holding connections could take the
 * whole pool under a pile-up, and the processors they wait for need a connection to advance (ADR 13).
 *
 * <p>When this process holds every segment of those processors, waiters are answered as soon as the processors
 * themselves say so: each batch, once its transaction (read-model rows and token together) has committed, notes
 * how far it got and asks for a check ({@link #recorder}), so an answer goes out as soon as its events can be read,
 * with no polling interval. A batch of events none of the processor's handlers takes commits without a unit of
 * work and asks for nothing; the processor's own status covers it, looked at again every {@link #RECHECK} while
 * someone waits. When another instance of the query side holds the segments, their progress is read from the
 * shared token store every {@link #TOKEN_STORE_POLL}. All checks run on one thread of their own.
 */
@Component
class ReadModelProgress implements LocalReadModels {

    private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);
    private static final Duration RECHECK = Duration.ofMillis(5);
    private static final Duration TOKEN_STORE_POLL = Duration.ofMillis(20);
    private static final String RECORDING = ReadModelProgress.class.getName() + ".recording";

    private final EventProcessingConfiguration processing;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    /** Per processor and segment, the position its last committed batch reached in this process. */
    private final Map<String, Map<Integer, Long>> committed = new ConcurrentHashMap<>();
    /** The waiters, lowest position first; touched only under its own lock. */
    private final PriorityQueue<Waiter> waiters = new PriorityQueue<>(Comparator.comparingLong(Waiter::position));
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicBoolean checkAsked = new AtomicBoolean();
    private final ScheduledExecutorService checks =
            Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("read-your-writes"));
    private ScheduledFuture<?> nextCheck;

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

    @PreDestroy
    void stop() {
        checks.shutdownNow();
    }

    @QueryHandler
    CompletableFuture<ReadModelsCaughtUp> handle(AwaitReadModelsQuery query) {
        return await(query);
    }

    @Override
    public CompletableFuture<ReadModelsCaughtUp> await(AwaitReadModelsQuery query) {
        return awaiting(query.position(), query.timeout()).thenApply(ReadModelsCaughtUp::new);
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
            askForCheck();
        }
    }

    /** Whether the read models reach {@code position} within {@code timeout} (at most 10 s), waiting for it. */
    boolean reached(long position, Duration timeout) {
        try {
            return awaiting(position, timeout).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Waiting for the read models failed", e.getCause());
        }
    }

    /**
     * Completes with {@code true} once the read models have reached {@code position}, with {@code false} when
     * {@code timeout} (at most 10 s) runs out first; no thread and no connection wait for it meanwhile.
     */
    CompletableFuture<Boolean> awaiting(long position, Duration timeout) {
        Duration wait = timeout.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : timeout;
        if (position < 0 || processors().isEmpty() || localPosition().orElse(-1L) >= position) {
            return CompletableFuture.completedFuture(true);
        }
        Waiter waiter = new Waiter(position, System.nanoTime() + Math.max(0, wait.toNanos()),
                new CompletableFuture<>());
        synchronized (waiters) {
            waiters.add(waiter);
            waiting.incrementAndGet();
        }
        askForCheck();
        return waiter.answer();
    }

    /** Runs a check on the checking thread soon, unless one is already asked for and not yet started. */
    private void askForCheck() {
        if (checkAsked.compareAndSet(false, true)) {
            try {
                checks.execute(this::check);
            } catch (RejectedExecutionException stopping) {
                checkAsked.set(false);
            }
        }
    }

    /** On the checking thread: answers every waiter whose position is reached or whose time ran out. */
    private void check() {
        checkAsked.set(false);
        if (nextCheck != null) {
            nextCheck.cancel(false);
            nextCheck = null;
        }
        boolean fromTokenStore = false;
        try {
            // each processor's position from this process when it holds every segment, else from the token store
            long reached = Long.MAX_VALUE;
            for (StreamingEventProcessor processor : processors()) {
                Optional<Long> local = localPosition(processor);
                fromTokenStore |= local.isEmpty();
                reached = Math.min(reached, local.orElseGet(() -> storedPosition(processor.getName())));
            }
            long now = System.nanoTime();
            List<Waiter> answered = new ArrayList<>();
            List<Waiter> late = new ArrayList<>();
            synchronized (waiters) {
                while (!waiters.isEmpty() && waiters.peek().position() <= reached) {
                    answered.add(waiters.poll());
                }
                waiters.removeIf(waiter -> waiter.deadline() - now <= 0 && late.add(waiter));
                waiting.set(waiters.size());
            }
            answered.forEach(waiter -> waiter.answer().complete(true));
            late.forEach(waiter -> waiter.answer().complete(false));
        } catch (RuntimeException e) {
            // the token store could not be read this time: the next check tries again, until the waiters' time ends
            fromTokenStore = true;
        } finally {
            if (waiting.get() > 0 && !checks.isShutdown()) {
                Duration delay = fromTokenStore ? TOKEN_STORE_POLL : RECHECK;
                nextCheck = checks.schedule(this::check, delay.toNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    private List<StreamingEventProcessor> processors() {
        return processing.eventProcessors().values().stream()
                .filter(processor -> ReadModels.READ_YOUR_WRITES.contains(processor.getName()))
                .filter(StreamingEventProcessor.class::isInstance)
                .map(StreamingEventProcessor.class::cast)
                .toList();
    }

    /** The lowest position over the read models, if this process holds all their segments. */
    private Optional<Long> localPosition() {
        long lowest = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : processors()) {
            Optional<Long> local = localPosition(processor);
            if (local.isEmpty()) {
                return Optional.empty();
            }
            lowest = Math.min(lowest, local.get());
        }
        return Optional.of(lowest);
    }

    private record Waiter(long position, long deadline, CompletableFuture<Boolean> answer) {
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
