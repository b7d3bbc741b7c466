package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.dbscheduler.DbSchedulerDeadlineManager;
import org.axonframework.modelling.command.AggregateScopeDescriptor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Deadlines are persistent: a scheduled deadline is a row in PostgreSQL (db-scheduler), not a timer in memory
 * that a restart would lose. Waitlist offer expiry (issue 3) builds on this.
 */
class DeadlinesTest extends IntegrationTest {

    @Autowired
    DeadlineManager deadlines;
    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aScheduledDeadlineIsStoredInPostgresqlUntilCancelled() {
        assertThat(deadlines).isInstanceOf(DbSchedulerDeadlineManager.class);
        AggregateScopeDescriptor scope = new AggregateScopeDescriptor("WaitlistEntry", "entry-deadline-test");

        String id = deadlines.schedule(Duration.ofHours(2), "offer-expiry", null, scope);

        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance like ?",
                Integer.class, "%" + id + "%")).isEqualTo(1);
        deadlines.cancelSchedule("offer-expiry", id);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_tasks where task_instance like ?",
                Integer.class, "%" + id + "%")).isZero();
    }
}
