package com.practicescheduler.command.common;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Rejection;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Exceptions do not cross process boundaries as classes (Axon Server sends them as text). This handler
 * interceptor turns every refusal into a {@link CommandExecutionException} whose details are a {@link Rejection}
 * — serialized with the message serializer — so the sender sees the same error code locally and remotely.
 */
@Component
class RejectionTranslation {

    @Autowired
    void registerOn(CommandBus commandBus) {
        commandBus.registerHandlerInterceptor(new Interceptor());
    }

    private static final class Interceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

        @Override
        public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork,
                             InterceptorChain interceptorChain) throws Exception {
            try {
                return interceptorChain.proceed();
            } catch (RuleViolation e) {
                throw refusal(e.rejection());
            } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
                // no such aggregate, or the id is one of another kind (a provider's id given as an appointment's)
                throw refusal(new Rejection(ErrorCode.NOT_FOUND, "Not found"));
            } catch (ConcurrencyException | DeadlockException e) {
                // lost a race for the same aggregate(s): the sender retries and decides on the winner's state
                throw refusal(new Rejection(ErrorCode.CONCURRENT_MODIFICATION, "Changed concurrently"));
            }
        }

        /** No cause attached: only the code and detail cross process boundaries, never a stack trace. */
        private static CommandExecutionException refusal(Rejection rejection) {
            return new CommandExecutionException(rejection.detail(), null, rejection);
        }
    }
}
