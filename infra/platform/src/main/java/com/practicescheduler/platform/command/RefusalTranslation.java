package com.practicescheduler.platform.command;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.error.Rejection;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;

/**
 * A command handler's refusal, both ways across the command bus. Exceptions do not cross process boundaries as
 * classes (Axon Server sends them as text), so as a handler interceptor of every command this turns each refusal —
 * a {@link Refusal}, an aggregate that is not there, a lost race for an aggregate — into a
 * {@link CommandExecutionException} whose details are the {@link Rejection}, serialized with the message serializer;
 * {@link #refusal(Throwable)} turns what the sender gets back into a {@link Refusal} again, the same locally and
 * remotely.
 */
@Component // Axon's Spring Boot configuration registers handler interceptor beans with the command bus
class RefusalTranslation implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain interceptorChain)
            throws Exception {
        try {
            return interceptorChain.proceed();
        } catch (Refusal e) {
            throw carrying(e.rejection());
        } catch (AggregateNotFoundException | IncompatibleAggregateException e) {
            // no such aggregate, or the id is one of another kind (a provider's id given as an appointment's)
            throw carrying(new Rejection(ErrorCode.NOT_FOUND, "Not found"));
        } catch (ConcurrencyException | DeadlockException e) {
            // lost a race for the same aggregate(s): the sender retries and decides on the winner's state
            throw carrying(new Rejection(ErrorCode.CONCURRENT_MODIFICATION, "Changed concurrently"));
        }
    }

    /** No cause attached: only the code and detail cross process boundaries, never a stack trace. */
    private static CommandExecutionException carrying(Rejection rejection) {
        return new CommandExecutionException(rejection.detail(), null, rejection);
    }

    /**
     * The refusal that {@code e}, as the sender got it, carries; null when it is no refusal. A race lost while the
     * unit of work commits (after every interceptor) comes back as Axon's own exception, not in the details.
     */
    static Refusal refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Refusal refusal) {
                return refusal;
            }
            if (t instanceof CommandExecutionException execution
                    && execution.getDetails().orElse(null) instanceof Rejection rejection) {
                return new Refusal(rejection);
            }
            if (t instanceof ConcurrencyException || t instanceof AggregateStreamCreationException) {
                return new Refusal(ErrorCode.CONCURRENT_MODIFICATION, "Changed concurrently; try again");
            }
        }
        return null;
    }
}
