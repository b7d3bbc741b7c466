package com.practicescheduler.platform.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Each event processor of this process: how far behind the head of the event stream it is
 * ({@code practice_scheduler_processor_lag_events}), and whether it runs here without error
 * ({@code practice_scheduler_processor_up}: 1, or 0 when stopped, in error or owned by another instance), and
 * how many events it parked ({@code practice_scheduler_processor_dead_letters}, for processors that park).
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
                if (processing.deadLetterQueue(name).isPresent()) {
                    Gauge.builder("practice_scheduler.processor.dead_letters", name, this::deadLetters)
                            .description("Events the processor could not handle, parked until retried")
                            .tag("processor", name).register(registry);
                }
            }
        });
    }

    private double lag(StreamingEventProcessor processor) {
        return ProcessorProgress.lag(processor, eventStore);
    }

    private static double up(StreamingEventProcessor processor) {
        return ProcessorProgress.up(processor) ? 1 : 0;
    }

    private double deadLetters(String name) {
        return processing.deadLetterQueue(name).map(queue -> (double) queue.size()).orElse(0.0);
    }
}
