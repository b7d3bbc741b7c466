package com.practicescheduler.command.webhook;

import com.practicescheduler.platform.axon.LingeringEventSource;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The processor that records webhook deliveries: tracking, one segment (rows in stream order), starting at the head
 * of the stream on its first start — what happened before webhooks existed is never sent. A failing event is
 * retried with back-off rather than skipped, so no delivery is lost to a passing outage (ADR 17).
 */
@org.springframework.context.annotation.Configuration
class WebhookConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing, @Value(LingeringEventSource.LINGER) Duration linger) {
        processing.registerTrackingEventProcessor(WebhookRecorder.GROUP,
                        configuration -> new LingeringEventSource(configuration.eventStore(), linger),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(50)
                                .andInitialTrackingToken(source -> source.createHeadToken()))
                .registerListenerInvocationErrorHandler(WebhookRecorder.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
