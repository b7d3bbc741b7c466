package com.practicescheduler.platform.operations;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Whether this process's event processors keep up (health component {@code projections}): {@code DOWN} when one
 * is in error, or — not rebuilding — more than {@code practice-scheduler.health.max-lag-events} behind;
 * {@code DEGRADED} (still answering 200) while one holds parked events — except the audit trail, whose parked
 * entries hold back their practice's trail: {@code DOWN}. A stopped audit trail is a compliance incident, so it is
 * also logged at ERROR when it is first seen (ids only). Which processor it is, the metrics say
 * ({@code practice_scheduler_processor_up}, {@code _lag_events}, {@code _dead_letters}).
 */
@Component("projectionsHealthIndicator")
class ProjectionsHealthIndicator extends AbstractHealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED");
    private static final Logger log = LoggerFactory.getLogger(ProjectionsHealthIndicator.class);
    private static final String AUDIT = "audit";

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;
    private final long maxLag;
    private final Map<String, Boolean> failing = new ConcurrentHashMap<>();

    ProjectionsHealthIndicator(EventProcessingConfiguration processing, EventStore eventStore,
                               @Value("${practice-scheduler.health.max-lag-events:10000}") long maxLag) {
        super("The event processors' state cannot be read");
        this.processing = processing;
        this.eventStore = eventStore;
        this.maxLag = maxLag;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Status status = Status.UP;
        for (Map.Entry<String, ? extends Object> entry : processing.eventProcessors().entrySet()) {
            if (!(entry.getValue() instanceof StreamingEventProcessor processor)) {
                continue;
            }
            String name = entry.getKey();
            boolean inError = ProcessorProgress.inError(processor);
            double lag = ProcessorProgress.lag(processor, eventStore);
            boolean behind = !ProcessorProgress.replaying(processor) && !Double.isNaN(lag) && lag > maxLag;
            boolean parked = processing.deadLetterQueue(name).map(queue -> queue.size() > 0).orElse(false);
            // a parked audit entry holds back its practice's whole trail: that is an audit trail that has stopped
            boolean stopped = inError || behind || (AUDIT.equals(name) && parked);
            noteTransition(name, stopped);
            if (stopped) {
                status = Status.DOWN;
            } else if (status == Status.UP && parked) {
                status = DEGRADED;
            }
        }
        builder.status(status);
    }

    private void noteTransition(String name, boolean nowFailing) {
        Boolean before = failing.put(name, nowFailing);
        if (nowFailing && !Boolean.TRUE.equals(before)) {
            if (AUDIT.equals(name)) {
                log.error("The audit trail has stopped recording (processor {} in error, behind or holding parked"
                        + " entries): a compliance incident until it runs again", name);
            } else {
                log.warn("Event processor {} is in error or behind", name);
            }
        } else if (!nowFailing && Boolean.TRUE.equals(before)) {
            log.info("Event processor {} runs again", name);
        }
    }
}
