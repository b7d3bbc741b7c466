package com.practicescheduler.platform.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.error.Rejection;
import java.util.List;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

/** A handler's refusal reaches the sender as the same refusal, though only its details cross the wire. */
class RefusalTranslationTest {

    private final RefusalTranslation translation = new RefusalTranslation();
    private final Serializer wire = JacksonSerializer.defaultSerializer();

    @Test
    void aRefusalOfTheHandlerComesBackWithItsCodeDetailAndAppointments() {
        Refusal thrown = new Refusal(ErrorCode.CONFLICTS_WITH_APPOINTMENTS, "Booked appointments in the way",
                List.of("appointment-1", "appointment-2"));

        CommandExecutionException handled = handledWhenThrowing(thrown);

        assertThat(handled.getCause()).as("no stack trace crosses").isNull();
        Refusal received = RefusalTranslation.refusal(overTheWire(handled));
        assertThat(received.rejection()).isEqualTo(thrown.rejection());
    }

    @Test
    void anAggregateThatIsNotThereIsNotFoundAndALostRaceAConcurrentModification() {
        assertThat(RefusalTranslation.refusal(overTheWire(handledWhenThrowing(
                new AggregateNotFoundException("appointment-9", "no such aggregate")))).code())
                .isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(RefusalTranslation.refusal(overTheWire(handledWhenThrowing(new ConcurrencyException("lost"))))
                .code()).isEqualTo(ErrorCode.CONCURRENT_MODIFICATION);
    }

    @Test
    void aFailureIsNoRefusal() {
        assertThat(catchThrowable(() -> translation.handle(unitOfWork(), () -> {
            throw new IllegalStateException("bug");
        }))).isInstanceOf(IllegalStateException.class);
        assertThat(RefusalTranslation.refusal(new CommandExecutionException("failed", new IllegalStateException())))
                .isNull();
    }

    private CommandExecutionException handledWhenThrowing(Exception thrown) {
        Throwable handled = catchThrowable(() -> translation.handle(unitOfWork(), () -> {
            throw thrown;
        }));
        assertThat(handled).isInstanceOf(CommandExecutionException.class);
        return (CommandExecutionException) handled;
    }

    /** What a sender in another process gets: the message and the details, serialized; never the class. */
    private CommandExecutionException overTheWire(CommandExecutionException handled) {
        Object details = wire.deserialize(wire.serialize(handled.getDetails().orElseThrow(), byte[].class));
        assertThat(details).isInstanceOf(Rejection.class);
        return new CommandExecutionException(handled.getMessage(), null, details);
    }

    private static DefaultUnitOfWork<CommandMessage<?>> unitOfWork() {
        return new DefaultUnitOfWork<>(GenericCommandMessage.asCommandMessage("a command"));
    }
}
