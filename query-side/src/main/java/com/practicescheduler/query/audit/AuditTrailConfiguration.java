package com.practicescheduler.query.audit;

import com.practicescheduler.query.readmodel.ReadModels;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail's processor retries an event that fails instead of parking it in a dead-letter queue: a chain
 * with a hole, or with an entry appended out of order later, would not be the record of what happened.
 */
@Configuration
class AuditTrailConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerListenerInvocationErrorHandler(ReadModels.AUDIT,
                configuration -> PropagatingErrorHandler.instance());
    }
}
