package com.practicescheduler.platform.axon;

import com.practicescheduler.platform.web.SafeExceptions;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;

/**
 * Lets a projection park an event whose handler fails in the database. PostgreSQL aborts the whole transaction on
 * a failed statement, so the dead-letter queue cannot record the event in the batch's transaction: the batch
 * rolls back and its processor retries it. This remembers which handler failed on which event, and on the retry
 * fails that handler again at once, before it touches the database, with the first failure's reason; the queue
 * parks the event and the rest of the batch is handled. One retry, no savepoint per event (which would give every
 * event of a 500-event batch a subtransaction of its own).
 *
 * <p>Only for handlers of processing groups ({@code @ProcessingGroup}), and only for failures with an
 * {@link SQLException} in their causes: any other failure leaves the transaction usable and is parked at once.
 */
class ParkAfterDatabaseFailure implements HandlerEnhancerDefinition {

    /** More remembered failures than this and the oldest are forgotten: such an event just fails once more. */
    static final int REMEMBERED = 10_000;

    private final Map<String, String> failed = new ConcurrentHashMap<>();

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        if (!original.declaringClass().isAnnotationPresent(ProcessingGroup.class)) {
            return original;
        }
        return new WrappedMessageHandlingMember<>(original) {
            @Override
            public Object handle(Message<?> message, T target) throws Exception {
                String key = failed.isEmpty() ? null : key(message, original);
                String reason = key == null ? null : failed.remove(key);
                if (reason != null) {
                    throw new FailedBefore(reason);
                }
                try {
                    return super.handle(message, target);
                } catch (Exception | Error e) {
                    if (inDatabase(e)) {
                        if (failed.size() >= REMEMBERED) {
                            failed.clear();
                        }
                        failed.put(key(message, original), SafeExceptions.describe(e));
                    }
                    throw e;
                }
            }
        };
    }

    private static String key(Message<?> message, MessageHandlingMember<?> handler) {
        return message.getIdentifier() + " " + handler.declaringClass().getName() + " " + handler.signature();
    }

    private static boolean inDatabase(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException) {
                return true;
            }
        }
        return false;
    }

    /** The handler failed on this event in the database before; parked with that failure's types. */
    static final class FailedBefore extends IllegalStateException implements SafeExceptions.SafeMessage {

        FailedBefore(String reason) {
            super("The handler failed on this event in the database before (" + reason + ")");
        }
    }
}
