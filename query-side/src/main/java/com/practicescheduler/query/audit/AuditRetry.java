package com.practicescheduler.query.audit;

import com.practicescheduler.platform.DaemonThreads;
import com.practicescheduler.platform.web.SafeExceptions;
import com.practicescheduler.query.readmodel.ReadModels;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Retries parked audit entries on its own, every {@code practice-scheduler.audit.retry-parked-every}: a practice's
 * trail must not wait for an operator once what stopped it (a database outage, a fixed handler) is gone. Each
 * practice's parked entries go in oldest first; one that fails again stays parked with those after it. With
 * several query-side nodes, each retries; the queue hands a sequence to one of them at a time.
 */
@Component
class AuditRetry implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(AuditRetry.class);
    /** Sequences tried per round at most, so one round ends even if entries keep being parked. */
    private static final int PER_ROUND = 1000;

    private final EventProcessingConfiguration processing;
    private final Duration every;
    private ScheduledExecutorService retries;

    AuditRetry(EventProcessingConfiguration processing,
               @Value("${practice-scheduler.audit.retry-parked-every:PT30S}") Duration every) {
        this.processing = processing;
        this.every = every;
    }

    void retryParked() {
        try {
            long parked = processing.deadLetterQueue(ReadModels.AUDIT).map(SequencedDeadLetterQueue::size)
                    .orElse(0L);
            if (parked == 0) {
                return;
            }
            int retried = 0;
            while (retried < PER_ROUND && processing.sequencedDeadLetterProcessor(ReadModels.AUDIT)
                    .map(letters -> letters.processAny()).orElse(false)) {
                retried++;
            }
            log.info("Retried parked audit entries: {} practice chains appended, {} entries still parked", retried,
                    processing.deadLetterQueue(ReadModels.AUDIT).map(SequencedDeadLetterQueue::size).orElse(0L));
        } catch (RuntimeException e) {
            log.error("Could not retry parked audit entries: {}", SafeExceptions.describe(e));
        }
    }

    @Override
    public void start() {
        retries = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("audit-retry"));
        retries.scheduleWithFixedDelay(this::retryParked, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        retries.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return retries != null && !retries.isShutdown();
    }
}
