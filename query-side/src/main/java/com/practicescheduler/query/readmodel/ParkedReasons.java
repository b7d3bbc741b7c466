package com.practicescheduler.query.readmodel;

import com.practicescheduler.platform.web.SafeExceptions;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.messaging.deadletter.Decisions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/**
 * What a parked event records as the reason it failed: the chain of exception types and where it was thrown, not
 * the messages, which can quote what the event carries (a SQL parameter, a name). Axon's default keeps the message.
 */
@Configuration
class ParkedReasons {

    @Autowired
    void configure(EventProcessingConfigurer processing) {
        for (String projection : ReadModels.ALL) {
            processing.registerDeadLetterPolicy(projection, configuration -> (letter, cause) ->
                    Decisions.enqueue(new ParkedFailure(SafeExceptions.describe(cause))));
        }
    }

    /** The failure of a parked event, without its messages. */
    static final class ParkedFailure extends RuntimeException {

        ParkedFailure(String description) {
            super(description, null, false, false);
        }
    }
}
