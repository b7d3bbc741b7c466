package com.practicescheduler.command.common;

import com.practicescheduler.api.error.Refusal;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/** Loading aggregates in command handlers that work on several of them. */
public final class Aggregates {

    private Aggregates() {
    }

    /** Loads {@code id}, or refuses with {@code not-found} naming {@code what} ("Provider", "Offer"...). */
    public static <T> Aggregate<T> load(Repository<T> repository, String id, String what) {
        try {
            return repository.load(id);
        } catch (AggregateNotFoundException e) {
            throw Refusal.notFound(what + " " + id);
        }
    }
}
