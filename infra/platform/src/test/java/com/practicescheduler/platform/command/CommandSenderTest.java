package com.practicescheduler.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.practicescheduler.api.audit.AuditOutcome;
import com.practicescheduler.api.audit.AuditRecordedEvent;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.error.Rejection;
import com.practicescheduler.api.waitlist.RemoveFromWaitlistCommand;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.audit.AuditMetadata;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.EventBus;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What a command that is not carried out leaves in the audit trail; the aggregates are not involved here. */
class CommandSenderTest {

    private final CommandGateway gateway = mock(CommandGateway.class);
    private final List<EventMessage<?>> published = new CopyOnWriteArrayList<>();
    private final EventBus eventBus = SimpleEventBus.builder().build();
    private final CommandSender sender = new CommandSender(gateway, mock(QueryGateway.class), mock(EventStore.class),
            Duration.ofSeconds(1), new AuditLog(eventBus, NoTransactionManager.instance(), Duration.ofMinutes(1), 20),
            new SimpleMeterRegistry(), new StaticListableBeanFactory().getBeanProvider(LocalReadModels.class));

    {
        eventBus.subscribe(published::addAll);
    }
    private final CommandMessage<?> command = GenericCommandMessage.asCommandMessage(
            new RemoveFromWaitlistCommand("entry-1", "practice-1"))
            .andMetaData(AuditMetadata.system("practice-1", "cause-1"));

    @Test
    void aRefusedCommandIsRecordedAsRejectedWithItsProblem() {
        when(gateway.sendAndWait(any())).thenThrow(new CommandExecutionException("refused", null,
                new Rejection(ErrorCode.INVALID_TRANSITION, "The entry was fulfilled")));

        assertThatThrownBy(() -> sender.dispatch(command)).isInstanceOf(Refusal.class);

        AuditRecordedEvent entry = recorded();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.REJECTED);
        assertThat(entry.problem()).isEqualTo("invalid-transition");
        assertThat(entry.action()).isEqualTo("RemoveFromWaitlist");
        assertThat(entry.resourceType()).isEqualTo("WaitlistEntry");
        assertThat(entry.resourceId()).isEqualTo("entry-1");
        assertThat(entry.actor()).isEqualTo("system");
        assertThat(entry.correlationId()).isEqualTo("cause-1");
    }

    @Test
    void aCommandThatFailsIsRecordedAsFailedAndTheFailureGoesOn() {
        IllegalStateException failure = new IllegalStateException("database gone");
        when(gateway.sendAndWait(any())).thenThrow(failure);

        assertThatThrownBy(() -> sender.dispatch(command)).isSameAs(failure);

        AuditRecordedEvent entry = recorded();
        assertThat(entry.outcome()).isEqualTo(AuditOutcome.FAILED);
        assertThat(entry.problem()).isEqualTo("internal");
        assertThat(entry.practiceId()).isEqualTo("practice-1");
    }

    @Test
    void aLostRaceIsRetriedAndOnlyTheFinalOutcomeCounts() {
        when(gateway.sendAndWait(any())).thenThrow(new ConcurrencyException("lost")).thenReturn("done");

        assertThat(sender.<String>dispatch(command)).isEqualTo("done");

        assertThat(published).isEmpty();
    }

    private AuditRecordedEvent recorded() {
        assertThat(published).hasSize(1);
        return (AuditRecordedEvent) published.get(0).getPayload();
    }
}
