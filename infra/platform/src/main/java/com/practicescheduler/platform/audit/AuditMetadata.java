package com.practicescheduler.platform.audit;

import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.axonframework.messaging.MetaData;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit metadata every command and event carries: who (user, roles, practice), from where (source IP) and
 * which request (correlation id). Set from the authenticated request when a command is sent, copied into the
 * events it produces (and the commands those trigger) by {@link AuditCorrelationDataProvider}; the system's own
 * actions carry the actor {@value #SYSTEM} and the correlation id of what triggered them.
 */
public final class AuditMetadata {

    public static final String ACTOR = "audit.actor";
    public static final String ROLES = "audit.roles";
    public static final String PRACTICE = "audit.practiceId";
    public static final String SOURCE_IP = "audit.sourceIp";
    public static final String CORRELATION_ID = "audit.correlationId";
    public static final List<String> KEYS = List.of(ACTOR, ROLES, PRACTICE, SOURCE_IP, CORRELATION_ID);
    /** On a command's events and its audit entry: the command's message id, so its entry can name their patients. */
    static final String COMMAND = "audit.command";
    public static final String SYSTEM = "system";

    private AuditMetadata() {
    }

    /** The metadata of the HTTP request being served on this thread; empty outside a request. */
    public static MetaData ofCurrentRequest() {
        HttpServletRequest request = currentRequest();
        if (request == null) {
            return MetaData.emptyInstance();
        }
        Map<String, Object> values = new HashMap<>();
        values.put(SOURCE_IP, request.getRemoteAddr());
        Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        if (correlationId != null) {
            values.put(CORRELATION_ID, correlationId.toString());
        }
        Actor.current().ifPresent(actor -> {
            values.put(ACTOR, actor.userId());
            values.put(PRACTICE, actor.practiceId());
            values.put(ROLES, actor.roles().stream().map(Role::name).sorted().collect(Collectors.joining(",")));
        });
        return MetaData.from(values);
    }

    /** The system acting on its own, as a consequence of {@code correlationId} (may be null). */
    public static MetaData system(String practiceId, String correlationId) {
        Map<String, Object> values = new HashMap<>();
        values.put(ACTOR, SYSTEM);
        if (practiceId != null) {
            values.put(PRACTICE, practiceId);
        }
        if (correlationId != null) {
            values.put(CORRELATION_ID, correlationId);
        }
        return MetaData.from(values);
    }

    static List<String> roles(Object value) {
        return value == null || value.toString().isEmpty() ? List.of()
                : Arrays.asList(value.toString().split(","));
    }

    static String text(Object value) {
        return value == null ? null : value.toString();
    }

    static HttpServletRequest currentRequest() {
        return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
                ? attributes.getRequest() : null;
    }
}
