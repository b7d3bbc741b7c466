package com.practicescheduler.platform.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Each event processor of this process: how far behind the head of the event stream it is
 * ({@code practice_scheduler_processor_lag_events}), and whether it runs here without error
 * ({@code practice_scheduler_processor_up}: 1, or 0 when stopped, in error or owned by another instance).
 * (Axon's own Micrometer module has no release for this Axon version on Maven Central; see ADR 1.)
 */
@Component("eventProcessorMetrics")
class ProcessorMetrics implements MeterBinder {

    private final EventProcessingConfiguration processing;
    private final EventStore eventStore;

    ProcessorMetrics(EventProcessingConfiguration processing, EventStore eventStore) {
        this.processing = processing;
        this.eventStore = eventStore;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                Gauge.builder("practice_scheduler.processor.lag", streaming, this::lag)
                        .description("Events of the stream the processor has not handled yet")
                        .baseUnit("events").tag("processor", name).register(registry);
                Gauge.builder("practice_scheduler.processor.up", streaming, ProcessorMetrics::up)
                        .description("1 while the processor runs here without error")
                        .tag("processor", name).register(registry);
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        TrackingToken head = eventStore.createHeadToken();
        long headPosition = head == null ? -1 : head.position().orElse(-1);
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty()) {
            return Double.NaN; // owned by another instance: it reports the lag
        }
        long position = segments.values().stream()
                .mapToLong(status -> status.getCurrentPosition().orElse(-1))
                .min().orElse(-1);
        return Math.max(0, headPosition - position);
    }

    private static double up(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        return processor.isRunning() && !segments.isEmpty()
                && segments.values().stream().noneMatch(EventTrackerStatus::isErrorState) ? 1 : 0;
    }
}
