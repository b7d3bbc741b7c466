package com.practicescheduler.command.practice;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.practice.ConfigureNotificationsCommand;
import com.practicescheduler.api.practice.ConfigurePracticeCommand;
import com.practicescheduler.api.practice.DefineServiceCommand;
import com.practicescheduler.api.practice.NotificationSettings;
import com.practicescheduler.api.practice.NotificationsConfiguredEvent;
import com.practicescheduler.api.practice.PracticeConfiguredEvent;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.practice.ServiceDefinedEvent;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A practice (the tenant): its settings and catalogue of services. Exists from the first change an
 * administrator makes; until then the defaults apply. Its id is the {@code practice_id} of its users' tokens.
 */
@Aggregate
public class Practice {

    @AggregateIdentifier
    private String practiceId;

    protected Practice() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    PracticeSettings handle(ConfigurePracticeCommand command) {
        apply(new PracticeConfiguredEvent(command.practiceId(), command.settings()));
        return command.settings();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    String handle(DefineServiceCommand command) {
        apply(new ServiceDefinedEvent(command.practiceId(), command.serviceId(), command.name(),
                command.durationMinutes(), command.bufferMinutes(), command.modality(), command.capacity()));
        return command.serviceId();
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    NotificationSettings handle(ConfigureNotificationsCommand command) {
        apply(new NotificationsConfiguredEvent(command.practiceId(), command.settings()));
        return command.settings();
    }

    @EventSourcingHandler
    void on(NotificationsConfiguredEvent event) {
        practiceId = event.practiceId();
    }

    @EventSourcingHandler
    void on(PracticeConfiguredEvent event) {
        practiceId = event.practiceId();
    }

    @EventSourcingHandler
    void on(ServiceDefinedEvent event) {
        practiceId = event.practiceId();
    }
}
