package com.practicescheduler.platform.audit;

import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.platform.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.axonframework.messaging.MetaData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a flood of refused requests from filling the event store, without losing any of them. Per source (client
 * address, practice, user, problem) and window, the first {@code individually} refusals are recorded as they come;
 * the rest are counted and recorded at the end of the window as one entry with their number ({@code count}),
 * standing for all of them, with the first of them as its action. Pending counts are recorded on shutdown.
 *
 * <p>Windows are measured on the monotonic clock: they are durations, not dates; entries are stamped as any other.
 * Each process counts the refusals it answered; nothing is shared between processes.
 */
class RepeatedDenials {

    private static final Logger log = LoggerFactory.getLogger(RepeatedDenials.class);
    /** More sources than this in one window are counted together, under the source address {@link #MANY}. */
    static final int MAX_SOURCES = 10_000;
    static final String MANY = "many";

    private final Consumer<Recorded> record;
    private final long windowNanos;
    private final int individually;
    private final LongSupplier nanoTime;
    private final Map<Source, Window> windows = new HashMap<>();
    private ScheduledExecutorService closer;

    /** An entry to record, with the metadata of the request it came from (none for a count). */
    record Recorded(AuditRecordedEvent entry, MetaData metaData) {
    }

    private record Source(String sourceIp, String practiceId, String actor, String problem) {
    }

    private static final class Window {
        final long start;
        int recorded;
        int counted;
        AuditRecordedEvent first;

        Window(long start) {
            this.start = start;
        }
    }

    RepeatedDenials(Consumer<Recorded> record, Duration window, int individually, LongSupplier nanoTime) {
        this.record = record;
        this.windowNanos = window.toNanos();
        this.individually = individually;
        this.nanoTime = nanoTime;
    }

    /** Records {@code denial} now if it is among the first of its source in this window; counts it otherwise. */
    void denied(AuditRecordedEvent denial, MetaData metaData) {
        boolean now;
        synchronized (windows) {
            Source source = new Source(denial.sourceIp(), denial.practiceId(), denial.actor(), denial.problem());
            if (!windows.containsKey(source) && windows.size() >= MAX_SOURCES) {
                source = new Source(MANY, null, null, denial.problem());
            }
            long time = nanoTime.getAsLong();
            Window window = windows.computeIfAbsent(source, key -> new Window(time));
            now = window.recorded < individually;
            if (now) {
                window.recorded++;
            } else {
                if (window.counted == 0) {
                    window.first = MANY.equals(source.sourceIp()) ? many(denial) : denial;
                }
                window.counted++;
            }
        }
        if (now) {
            record.accept(new Recorded(denial, metaData));
        }
    }

    /** Records the count of every window that has ended (all of them when {@code all}) and forgets those windows. */
    void close(boolean all) {
        List<AuditRecordedEvent> counts = new ArrayList<>();
        synchronized (windows) {
            long time = nanoTime.getAsLong();
            windows.entrySet().removeIf(source -> {
                Window window = source.getValue();
                if (!all && time - window.start < windowNanos) {
                    return false;
                }
                if (window.counted > 0) {
                    AuditRecordedEvent first = window.first;
                    counts.add(new AuditRecordedEvent(UUID.randomUUID().toString(), first.practiceId(), first.actor(),
                            first.roles(), first.action(), first.resourceType(), first.resourceId(), List.of(),
                            first.outcome(), first.problem(), first.sourceIp(), null, window.counted));
                }
                return true;
            });
        }
        for (AuditRecordedEvent count : counts) {
            try {
                record.accept(new Recorded(count, MetaData.emptyInstance()));
            } catch (RuntimeException e) {
                log.error("Could not record a count of {} repeated refusals in the audit trail", count.count(), e);
            }
        }
    }

    /** Closes ended windows every second until {@link #stop()}. */
    void start() {
        closer = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("repeated-denials"));
        closer.scheduleWithFixedDelay(() -> close(false), 1, 1, TimeUnit.SECONDS);
    }

    /** Stops closing windows and records every pending count. */
    void stop() {
        if (closer != null) {
            closer.shutdown();
        }
        close(true);
    }

    private static AuditRecordedEvent many(AuditRecordedEvent denial) {
        return new AuditRecordedEvent(denial.auditId(), null, null, List.of(), denial.action(), denial.resourceType(),
                denial.resourceId(), List.of(), denial.outcome(), denial.problem(), MANY, null);
    }
}
