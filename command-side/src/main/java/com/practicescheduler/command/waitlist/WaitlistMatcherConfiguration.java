package com.practicescheduler.command.waitlist;

import com.practicescheduler.platform.axon.LingeringEventSource;
import java.time.Duration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * The matcher's processor: one segment (offers are decided one event after another), tracking like the read
 * models (ADR 3). On its first start it replays the whole stream to build its {@link MatchingModel} but treats
 * everything up to the head as a replay, so history never makes offers. A failing event is retried with back-off
 * rather than skipped: an offer must not be lost to a passing outage.
 */
@org.springframework.context.annotation.Configuration
class WaitlistMatcherConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing, @Value(LingeringEventSource.LINGER) Duration linger) {
        processing.registerTrackingEventProcessor(WaitlistMatcher.GROUP,
                        configuration -> new LingeringEventSource(configuration.eventStore(), linger),
                        configuration -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(50)
                                .andInitialTrackingToken(source -> ReplayToken.createReplayToken(
                                        source.createHeadToken(), source.createTailToken())))
                .registerListenerInvocationErrorHandler(WaitlistMatcher.GROUP,
                        configuration -> PropagatingErrorHandler.instance());
    }
}
