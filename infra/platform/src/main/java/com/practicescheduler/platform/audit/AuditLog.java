package com.practicescheduler.platform.audit;

import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.platform.security.Actor;
import com.practicescheduler.platform.security.Role;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.messaging.MetaData;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Records audit entries as {@link AuditRecordedEvent}s in the event store. Called before the answer goes out, so
 * a read or a refusal is never answered without its entry; concurrent ones share an append and a commit
 * ({@link GroupCommit}). A successful command's entry is recorded in the command's own unit of work
 * ({@link CommandAuditInterceptor}).
 */
@Component
public class AuditLog implements SmartLifecycle {

    /** A record's components, read once per class: {@code getRecordComponents()} builds them anew on every call. */
    private static final ClassValue<List<RecordComponent>> RECORD_COMPONENTS = new ClassValue<>() {
        @Override
        protected List<RecordComponent> computeValue(Class<?> type) {
            return type.isRecord() ? List.of(type.getRecordComponents()) : List.of();
        }
    };

    private static final Pattern CALENDAR_FEED_TOKEN = Pattern.compile("^/calendar-feeds/[^/]+");
    private static final Pattern OFFER_LINK_TOKEN = Pattern.compile("^/offers/[^/]+");

    private final GroupCommit appends;
    private final RepeatedDenials denials;
    private volatile boolean running;

    /**
     * @param denialWindow       the window in which repeated refusals of one source are counted
     * @param recordedInWindow   how many refusals of one source a window records one by one before counting
     */
    public AuditLog(EventBus eventBus, TransactionManager transactionManager,
                    @Value("${practice-scheduler.audit.denial-window:PT1M}") Duration denialWindow,
                    @Value("${practice-scheduler.audit.denials-recorded-per-window:20}") int recordedInWindow) {
        this.appends = new GroupCommit(eventBus, transactionManager);
        this.denials = new RepeatedDenials(recorded -> publish(recorded.entry(), recorded.metaData()), denialWindow,
                recordedInWindow, System::nanoTime);
    }

    /** {@code actor} read PHI: {@code action} on {@code resourceType} {@code resourceId}, about these patients. */
    public void read(Actor actor, String action, String resourceType, String resourceId,
                     Collection<String> patientIds) {
        done(actor, action, resourceType, resourceId, patientIds);
    }

    /** {@code actor} did {@code action}, which is no command (an operation such as a rebuild). */
    public void done(Actor actor, String action, String resourceType, String resourceId,
                     Collection<String> patientIds) {
        MetaData metaData = AuditMetadata.ofCurrentRequest();
        publish(new AuditRecordedEvent(UUID.randomUUID().toString(), actor.practiceId(), actor.userId(),
                roleNames(actor), action, resourceType, resourceId,
                List.copyOf(new LinkedHashSet<>(patientIds)), AuditOutcome.SUCCESS, null,
                AuditMetadata.text(metaData.get(AuditMetadata.SOURCE_IP)),
                AuditMetadata.text(metaData.get(AuditMetadata.CORRELATION_ID))), metaData);
    }

    /**
     * Someone without a login read through a link whose unguessable token is the credential (a calendar feed's URL):
     * {@code action} on {@code resourceType} {@code resourceId}, with the link as the actor ({@code link}, e.g.
     * {@code calendar-feed:<id>}; never the token).
     */
    public void readThroughLink(String practiceId, String link, String action, String resourceType,
                                String resourceId, Collection<String> patientIds) {
        Map<String, Object> values = new HashMap<>(AuditMetadata.ofCurrentRequest());
        values.put(AuditMetadata.ACTOR, link);
        values.put(AuditMetadata.PRACTICE, practiceId);
        MetaData metaData = MetaData.from(values);
        publish(new AuditRecordedEvent(UUID.randomUUID().toString(), practiceId, link, List.of(), action,
                resourceType, resourceId, List.copyOf(new LinkedHashSet<>(patientIds)), AuditOutcome.SUCCESS, null,
                AuditMetadata.text(metaData.get(AuditMetadata.SOURCE_IP)),
                AuditMetadata.text(metaData.get(AuditMetadata.CORRELATION_ID))), metaData);
    }

    /**
     * The system disclosed PHI on its own, outside any request (a message sent to a patient): {@code action} on
     * {@code resourceType} {@code resourceId}, about {@code patientId}; {@code problem} names why it failed, or null.
     */
    public void systemDisclosure(String practiceId, String action, String resourceType, String resourceId,
                                 String patientId, String problem) {
        MetaData metaData = AuditMetadata.system(practiceId, null);
        publish(new AuditRecordedEvent(UUID.randomUUID().toString(), practiceId, AuditMetadata.SYSTEM, List.of(),
                action, resourceType, resourceId, List.of(patientId),
                problem == null ? AuditOutcome.SUCCESS : AuditOutcome.FAILED, problem, null, null), metaData);
    }

    /**
     * The request was refused with 401 ({@code unauthenticated}), 403 ({@code forbidden}) or 429
     * ({@code too-many-requests}). Repeated refusals of one source are counted ({@link RepeatedDenials}).
     */
    public void denied(HttpServletRequest request, String problem) {
        MetaData metaData = AuditMetadata.ofCurrentRequest();
        Actor actor = Actor.current().orElse(null);
        Object correlationId = request.getAttribute(CorrelationIdFilter.ATTRIBUTE);
        denials.denied(new AuditRecordedEvent(UUID.randomUUID().toString(), actor == null ? null : actor.practiceId(),
                actor == null ? null : actor.userId(),
                actor == null ? List.of() : roleNames(actor),
                request.getMethod() + " " + withoutLinkTokens(request.getRequestURI()), "Route", null, List.of(),
                AuditOutcome.DENIED,
                problem, request.getRemoteAddr(), correlationId == null ? null : correlationId.toString()),
                metaData);
    }

    /**
     * {@code path} without the token of a calendar feed's URL (ADR 19) or of a patient's offer link (ADR 16): each
     * token is a credential for as long as its link lives, and the audit trail is kept for ever.
     */
    static String withoutLinkTokens(String path) {
        if (path == null) {
            return null;
        }
        String withoutFeed = CALENDAR_FEED_TOKEN.matcher(path).replaceFirst("/calendar-feeds/{token}");
        return OFFER_LINK_TOKEN.matcher(withoutFeed).replaceFirst("/offers/{token}");
    }

    @Override
    public void start() {
        denials.start();
        running = true;
    }

    /** Records the pending counts of repeated refusals: after the web server has stopped, before Axon does. */
    @Override
    public void stop() {
        running = false;
        denials.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return SmartLifecycle.DEFAULT_PHASE - 4096;
    }

    /** A command that was not carried out: refused ({@code problem} given) or failed. */
    public void commandNotDone(CommandMessage<?> command, String problem) {
        publish(ofCommand(command, problem == null ? AuditOutcome.FAILED : AuditOutcome.REJECTED,
                problem == null ? "internal" : problem, List.of()), command.getMetaData());
    }

    private static List<String> roleNames(Actor actor) {
        return actor.roles().stream().map(Role::name).sorted().toList();
    }

    private void publish(AuditRecordedEvent entry, MetaData metaData) {
        appends.append(GenericEventMessage.asEventMessage(entry).andMetaData(metaData));
    }

    /** The entry for {@code command}: its name as the action, its target as the resource. */
    static AuditRecordedEvent ofCommand(CommandMessage<?> command, AuditOutcome outcome, String problem,
                                        Collection<String> morePatientIds) {
        Object payload = command.getPayload();
        String action = payload.getClass().getSimpleName().replaceFirst("Command$", "");
        String resourceType = null;
        String resourceId = null;
        Set<String> patientIds = new LinkedHashSet<>();
        String commandPractice = null;
        for (RecordComponent component : recordComponents(payload)) {
            Object value = value(component, payload);
            String name = component.getName();
            if (name.equals("patientId") && value != null) {
                patientIds.add(value.toString());
            }
            if (name.equals("practiceId") && value != null) {
                commandPractice = value.toString();
            }
            if (name.equals("step") && value != null) {
                action = action + ":" + value;
            }
            if (resourceId == null && name.endsWith("Id") && !name.equals("practiceId") && value != null) {
                resourceType = resourceType(name);
                resourceId = value.toString();
            }
        }
        MetaData metaData = command.getMetaData();
        String practiceId = metaData.containsKey(AuditMetadata.PRACTICE)
                ? AuditMetadata.text(metaData.get(AuditMetadata.PRACTICE)) : commandPractice;
        if (resourceId == null) {
            resourceType = "Practice";
            resourceId = practiceId;
        }
        patientIds.addAll(morePatientIds);
        return new AuditRecordedEvent(UUID.randomUUID().toString(), practiceId,
                AuditMetadata.text(metaData.get(AuditMetadata.ACTOR)),
                AuditMetadata.roles(metaData.get(AuditMetadata.ROLES)), action, resourceType, resourceId,
                List.copyOf(patientIds), outcome, problem, AuditMetadata.text(metaData.get(AuditMetadata.SOURCE_IP)),
                AuditMetadata.text(metaData.get(AuditMetadata.CORRELATION_ID)));
    }

    /** {@code appointmentId} → {@code Appointment}; a waitlist {@code entryId} → {@code WaitlistEntry}. */
    private static String resourceType(String idComponent) {
        String base = idComponent.substring(0, idComponent.length() - 2);
        if (base.equals("entry")) {
            return "WaitlistEntry";
        }
        return base.substring(0, 1).toUpperCase(Locale.ROOT) + base.substring(1);
    }

    /** The components of {@code payload}'s class, none if it is not a record. */
    static List<RecordComponent> recordComponents(Object payload) {
        return RECORD_COMPONENTS.get(payload.getClass());
    }

    static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot read " + component.getName(), e);
        }
    }
}
