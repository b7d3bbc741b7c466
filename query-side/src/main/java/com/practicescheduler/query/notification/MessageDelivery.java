package com.practicescheduler.query.notification;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.query.patient.PatientRecords;
import com.practicescheduler.query.practice.PracticeProjection;
import com.practicescheduler.query.provider.ProviderProjection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Sends a planned message when it falls due: a persistent deadline per message (a db-scheduler execution named by
 * the message id, a row in PostgreSQL that survives restarts and runs on one node), which claims the message in
 * the ledger first. Checks again, at that moment, what may have changed since it was planned: the appointment not
 * begun, the patient's consent on that channel. Every message handed to a channel (sent or refused there) is an
 * audit entry: a disclosure by the system, naming the kind, the channel and the patient.
 */
@Component
class MessageDelivery {

    static final String TASK = "patient-message";
    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final OneTimeTask<Void> task;
    private final ObjectProvider<SchedulerClient> scheduler;
    private final MessageLedger ledger;
    private final NotificationSettingsProjection settings;
    private final PatientRecords patients;
    private final PracticeProjection practices;
    private final ProviderProjection providers;
    private final AuditLog audit;
    private final Clock clock;
    private final OfferLinks links;
    private final String publicBaseUrl;
    private final Map<Channel, Outbound> outbound = new EnumMap<>(Channel.class);

    MessageDelivery(ObjectProvider<SchedulerClient> scheduler, MessageLedger ledger,
                    NotificationSettingsProjection settings, PatientRecords patients, PracticeProjection practices,
                    ProviderProjection providers, AuditLog audit, Clock clock, List<Outbound> adapters,
                    OfferLinks links,
                    @Value("${practice-scheduler.public-base-url:http://localhost:8080}") String publicBaseUrl) {
        this.links = links;
        this.publicBaseUrl = publicBaseUrl.replaceAll("/+$", "");
        this.scheduler = scheduler;
        this.ledger = ledger;
        this.settings = settings;
        this.patients = patients;
        this.practices = practices;
        this.providers = providers;
        this.audit = audit;
        this.clock = clock;
        adapters.forEach(adapter -> outbound.put(adapter.channel(), adapter));
        this.task = Tasks.oneTime(TASK).execute((instance, context) -> deliver(instance.getId()));
    }

    OneTimeTask<Void> task() {
        return task;
    }

    /** Sends {@code messageId} at {@code at}; once only, however often it is asked. */
    void schedule(String messageId, Instant at) {
        scheduler.getObject().scheduleIfNotExists(task.instance(messageId), at);
    }

    /** The deadline fell due: send the message unless it was sent, cancelled or no longer allowed. */
    void deliver(String messageId) {
        Optional<MessageLedger.Message> claimed = ledger.claim(messageId);
        if (claimed.isEmpty()) {
            return;
        }
        MessageLedger.Message message = claimed.get();
        try {
            deliver(message);
        } catch (RuntimeException e) {
            // never the exception's message: it could quote an address
            log.error("Message {} failed: {}", messageId, e.getClass().getName());
            ledger.finish(messageId, MessageLedger.Status.FAILED, null, "internal error");
        }
    }

    private void deliver(MessageLedger.Message message) {
        Instant now = clock.instant();
        if (message.startsAt() != null && !message.startsAt().isAfter(now)) {
            ledger.finish(message.id(), MessageLedger.Status.CANCELLED, null, "the appointment has begun");
            return;
        }
        if (!settings.consent(message.patientId()).allows(message.kind(), message.channel())) {
            ledger.finish(message.id(), MessageLedger.Status.CANCELLED, null,
                    "the patient does not consent to this on " + message.channel());
            return;
        }
        Outbound channel = outbound.get(message.channel());
        Optional<String> unavailable = channel == null ? Optional.of("no adapter for " + message.channel())
                : channel.unavailable();
        if (unavailable.isPresent()) {
            ledger.finish(message.id(), MessageLedger.Status.FAILED, null, unavailable.get());
            return;
        }
        Optional<String> address = patients.contact(message.practiceId(), message.patientId())
                .map(contact -> message.channel() == Channel.EMAIL ? contact.email() : contact.phone());
        if (address.isEmpty()) {
            ledger.finish(message.id(), MessageLedger.Status.FAILED, null,
                    message.channel() == Channel.EMAIL ? "no email address on file" : "no phone number on file");
            return;
        }
        Optional<MessageText.Appointment> about = appointment(message);
        if (about.isEmpty()) {
            ledger.finish(message.id(), MessageLedger.Status.FAILED, null, "the appointment's details are unknown");
            return;
        }
        String body = MessageText.body(message.kind(), about.get());
        if (message.kind() == MessageKind.OFFER) {
            if (message.expiresAt() == null || !message.expiresAt().isAfter(now)) {
                ledger.finish(message.id(), MessageLedger.Status.CANCELLED, null, "the offer's hold has ended");
                return;
            }
            String token = links.issue(message.offerId(), message.practiceId(), message.patientId(),
                    message.expiresAt(), now);
            body = MessageText.offer(body, publicBaseUrl + "/offers/" + token, message.expiresAt(),
                    about.get().zone());
        }
        OutboundMessage outgoing = new OutboundMessage(message.id(), address.get(),
                MessageText.subject(message.kind(), about.get().practiceName()), body);
        String action = "SendMessage:" + message.kind() + ":" + message.channel();
        try {
            channel.send(outgoing);
            ledger.finish(message.id(), MessageLedger.Status.SENT, clock.instant(), null);
            audit.systemDisclosure(message.practiceId(), action, "Message", message.id(), message.patientId(), null);
        } catch (Outbound.DeliveryFailed e) {
            ledger.finish(message.id(), MessageLedger.Status.FAILED, null, e.getMessage());
            audit.systemDisclosure(message.practiceId(), action, "Message", message.id(), message.patientId(),
                    "delivery-failed");
            log.warn("Message {} ({} by {}) not delivered: {}", message.id(), message.kind(), message.channel(),
                    e.getMessage());
        }
    }

    private Optional<MessageText.Appointment> appointment(MessageLedger.Message message) {
        if (message.startsAt() == null || message.providerId() == null) {
            return Optional.empty();
        }
        var notificationSettings = settings.settings(message.practiceId());
        String practiceName = notificationSettings.practiceName() != null ? notificationSettings.practiceName()
                : "Your practice";
        ZoneId zone = ZoneId.of(practices.settings(message.practiceId()).timeZone());
        String serviceName = notificationSettings.includeServiceName() && message.serviceId() != null
                ? practices.service(message.practiceId(), message.serviceId())
                        .map(PracticeProjection.ServiceView::name).orElse(null)
                : null;
        return providers.provider(message.practiceId(), message.providerId())
                .map(provider -> new MessageText.Appointment(practiceName, provider.displayName(), serviceName,
                        message.startsAt(), zone));
    }
}
