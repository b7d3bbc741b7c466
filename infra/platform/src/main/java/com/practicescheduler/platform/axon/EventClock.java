package com.practicescheduler.platform.axon;

import java.time.Clock;
import org.axonframework.eventhandling.GenericEventMessage;
import org.springframework.stereotype.Component;

/**
 * Axon stamps every event, deadline and snapshot it creates with {@link GenericEventMessage#clock}, and its JDBC
 * event store judges the age of gaps in the global index by the same clock. That clock is made the application's
 * {@link Clock}, so one clock decides every rule and stamps every event: the audit trail's times, the waitlist's
 * "waiting since" and the reports' dates agree with the rules even when the clock is not the real date (tests).
 *
 * <p>Axon's clock is one per JVM. One application runs per JVM in every shape we ship; a test that starts several
 * applications in one JVM gives them one clock.
 */
@Component
class EventClock {

    EventClock(Clock clock) {
        GenericEventMessage.clock = clock;
    }
}
