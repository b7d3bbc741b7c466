package com.practicescheduler.query.audit;

import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.query.readmodel.ReadModels;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * The audit trail's events are sequenced per practice: an entry that cannot be appended is parked in the
 * dead-letter queue together with every later entry of its practice, in order, so that practice's chain gets no
 * hole and nothing out of order, while every other practice's trail goes on. Parked entries are retried
 * automatically ({@link AuditRetry}); until they are in, health says so (ADR 6).
 */
@Configuration
class AuditTrailConfiguration {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        processing.registerSequencingPolicy(ReadModels.AUDIT, configuration -> new PerPractice());
    }

    /** An audit entry's sequence is its practice's chain; any other event's is its aggregate. */
    static final class PerPractice implements SequencingPolicy<EventMessage<?>> {

        @Override
        public Object getSequenceIdentifierFor(EventMessage<?> event) {
            if (event.getPayload() instanceof AuditRecordedEvent entry) {
                return "audit-chain:" + (entry.practiceId() == null ? AuditTrail.NO_PRACTICE : entry.practiceId());
            }
            return SequentialPerAggregatePolicy.instance().getSequenceIdentifierFor(event);
        }
    }
}
