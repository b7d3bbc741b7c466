package com.practicescheduler.platform.audit;

import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

/**
 * Records the audit entry of every command that succeeds, in the command's own unit of work: it is appended to
 * the event store together with the command's events, or not at all. The entry names the patients the command
 * concerned — from the command, and from the events it produced: those carry the command's message id
 * ({@link AuditCorrelationDataProvider}), and a dispatch interceptor of the event bus, which sees the unit of
 * work's events together just before they are stored, adds their patients to the command's entry. Public API of
 * every Axon event bus, embedded or Axon Server. (Refused and failed commands are recorded by
 * {@link com.practicescheduler.platform.command.CommandSender}, which sees the refusal.)
 */
@Component // Axon's Spring Boot configuration registers handler interceptor beans with the command bus
public class CommandAuditInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final EventBus eventBus;

    CommandAuditInterceptor(EventBus eventBus) {
        this.eventBus = eventBus;
        eventBus.registerDispatchInterceptor(new PatientsOfEvents());
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain)
            throws Exception {
        Object result = chain.proceed();
        eventBus.publish(GenericEventMessage.asEventMessage(AuditLog.ofCommand(unitOfWork.getMessage(),
                AuditOutcome.SUCCESS, null, List.of())));
        return result;
    }

    /** Adds to each command's audit entry the patients named by that command's events ({@code patientId}). */
    static final class PatientsOfEvents implements MessageDispatchInterceptor<EventMessage<?>> {

        @Override
        public BiFunction<Integer, EventMessage<?>, EventMessage<?>> handle(List<? extends EventMessage<?>> events) {
            Map<Object, Set<String>> patientsByCommand = new HashMap<>();
            for (EventMessage<?> event : events) {
                Object command = event.getMetaData().get(AuditMetadata.COMMAND);
                String patientId = command == null ? null : patientId(event.getPayload());
                if (patientId != null) {
                    patientsByCommand.computeIfAbsent(command, key -> new LinkedHashSet<>()).add(patientId);
                }
            }
            if (patientsByCommand.isEmpty()) {
                return (index, event) -> event;
            }
            return (index, event) -> {
                Set<String> patients = patientsByCommand.get(event.getMetaData().get(AuditMetadata.COMMAND));
                if (patients == null || !(event.getPayload() instanceof AuditRecordedEvent entry)
                        || entry.outcome() != AuditOutcome.SUCCESS) {
                    return event;
                }
                Set<String> named = new LinkedHashSet<>(entry.patientIds());
                named.addAll(patients);
                AuditRecordedEvent withPatients = new AuditRecordedEvent(entry.auditId(), entry.practiceId(),
                        entry.actor(), entry.roles(), entry.action(), entry.resourceType(), entry.resourceId(),
                        List.copyOf(named), entry.outcome(), entry.problem(), entry.sourceIp(),
                        entry.correlationId(), entry.count());
                return new GenericEventMessage<>(new GenericMessage<>(event.getIdentifier(), withPatients,
                        event.getMetaData()), event::getTimestamp);
            };
        }

        private static String patientId(Object payload) {
            if (payload instanceof AuditRecordedEvent) {
                return null;
            }
            for (RecordComponent component : AuditLog.recordComponents(payload)) {
                if (component.getName().equals("patientId")) {
                    Object value = AuditLog.value(component, payload);
                    return value == null ? null : value.toString();
                }
            }
            return null;
        }
    }
}
