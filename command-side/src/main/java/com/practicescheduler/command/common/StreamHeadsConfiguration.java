package com.practicescheduler.command.common;

import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** {@link StreamHeads} in one query on the embedded JDBC event store, by Axon's own call on Axon Server. */
@Configuration(proxyBeanMethods = false)
class StreamHeadsConfiguration {

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    StreamHeads streamHeadsOnJdbc(JdbcTemplate jdbc, EventSchema schema) {
        return StreamHeads.onJdbc(jdbc, schema.domainEventTable());
    }

    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "true", matchIfMissing = true)
    StreamHeads streamHeadsOnAxonServer(EventStore eventStore) {
        return StreamHeads.of(eventStore);
    }
}
