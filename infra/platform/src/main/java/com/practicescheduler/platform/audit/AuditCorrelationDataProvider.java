package com.practicescheduler.platform.audit;

import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.springframework.stereotype.Component;

/**
 * Copies the audit metadata of the message being handled into every message it leads to: a command's events,
 * and so on down the line. What a deadline does is the system's own action, still tied to the correlation id of
 * what scheduled it. A command's events also carry its message id ({@link CommandAuditInterceptor}).
 */
@Component
public class AuditCorrelationDataProvider implements CorrelationDataProvider {

    @Override
    public Map<String, ?> correlationDataFor(Message<?> message) {
        Map<String, Object> data = new HashMap<>();
        for (String key : AuditMetadata.KEYS) {
            Object value = message.getMetaData().get(key);
            if (value != null) {
                data.put(key, value);
            }
        }
        if (message instanceof CommandMessage) {
            data.put(AuditMetadata.COMMAND, message.getIdentifier());
        }
        if (message instanceof DeadlineMessage) {
            data.put(AuditMetadata.ACTOR, AuditMetadata.SYSTEM);
            data.remove(AuditMetadata.ROLES);
            data.remove(AuditMetadata.SOURCE_IP);
        }
        return data;
    }
}
