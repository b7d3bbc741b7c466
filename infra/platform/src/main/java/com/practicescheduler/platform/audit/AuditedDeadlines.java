package com.practicescheduler.platform.audit;

import org.axonframework.deadline.DeadlineManager;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Deadlines carry the audit metadata of the unit of work that scheduled them, and what a deadline's handler does
 * gets the audit metadata of the deadline — as the system's action (Axon's deadline managers do neither by
 * themselves).
 */
@Component
class AuditedDeadlines {

    private final AuditCorrelationDataProvider audit = new AuditCorrelationDataProvider();

    @Autowired
    void attachTo(ObjectProvider<DeadlineManager> deadlineManagers) {
        deadlineManagers.ifAvailable(deadlines -> {
            deadlines.registerDispatchInterceptor(messages -> (index, deadline) -> CurrentUnitOfWork.isStarted()
                    ? deadline.andMetaData(audit.correlationDataFor(CurrentUnitOfWork.get().getMessage()))
                    : deadline);
            deadlines.registerHandlerInterceptor((unitOfWork, chain) -> {
                unitOfWork.registerCorrelationDataProvider(audit);
                return chain.proceed();
            });
        });
    }
}
