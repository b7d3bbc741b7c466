package com.practicescheduler.platform.audit;

import com.practicescheduler.api.audit.AuditOutcome;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.AbstractEventBus;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Records the audit entry of every command that succeeds, in the command's own unit of work: it is appended to
 * the event store together with the command's events, or not at all. The entry names the patients the command
 * concerned — from the command and from the events it produced. (Refused and failed commands are recorded by
 * {@link com.practicescheduler.platform.command.CommandSender}, which sees the refusal.)
 */
@Component // Axon's Spring Boot configuration registers handler interceptor beans with the command bus
public class CommandAuditInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private static final Method QUEUED = queuedMessages();

    private final EventBus eventBus;

    CommandAuditInterceptor(EventBus eventBus) {
        this.eventBus = eventBus;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        eventBus.publish(GenericEventMessage.asEventMessage(AuditLog.ofCommand(unitOfWork.getMessage(),
                AuditOutcome.SUCCESS, null, patientsOfStagedEvents())));
        return result;
    }

    /** The patients named by the events this unit of work is about to publish. */
    private Set<String> patientsOfStagedEvents() {
        Set<String> patients = new LinkedHashSet<>();
        for (EventMessage<?> event : stagedEvents()) {
            Object payload = event.getPayload();
            if (payload.getClass().isRecord()) {
                for (RecordComponent component : payload.getClass().getRecordComponents()) {
                    Object value = component.getName().equals("patientId") ? AuditLog.value(component, payload) : null;
                    if (value != null) {
                        patients.add(value.toString());
                    }
                }
            }
        }
        return patients;
    }

    /**
     * The events staged in the current unit of work: {@link AbstractEventBus#queuedMessages()}, protected API of
     * every Axon event bus and store (embedded and Axon Server alike).
     */
    @SuppressWarnings("unchecked")
    private List<EventMessage<?>> stagedEvents() {
        if (QUEUED == null || !(eventBus instanceof AbstractEventBus)) {
            return List.of();
        }
        try {
            return (List<EventMessage<?>>) QUEUED.invoke(eventBus);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read the staged events", e);
        }
    }

    private static Method queuedMessages() {
        try {
            Method method = AbstractEventBus.class.getDeclaredMethod("queuedMessages");
            method.setAccessible(true);
            return method;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
