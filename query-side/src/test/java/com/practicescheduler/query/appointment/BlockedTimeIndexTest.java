package com.practicescheduler.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.query.ReadModelDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Availability reads every live appointment ahead of its window's start for each provider: that must come from the
 * index alone, or each of them costs a heap fetch (the benchmark's availability p50 went from 7.6 to 20.4 ms when a
 * predicate the index did not cover was added). The plan's shape is asserted, not its time; sequential and bitmap
 * scans are switched off for the query, so that an empty table does not decide the plan.
 */
class BlockedTimeIndexTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();

    @Test
    void availabilitysBlockedTimeIsAnIndexOnlyScanOfThePartialIndex() {
        TransactionTemplate transaction = new TransactionTemplate(
                new DataSourceTransactionManager(db.jdbc().getDataSource()));
        String plan = transaction.execute(status -> {
            db.jdbc().execute("set local enable_seqscan = off");
            db.jdbc().execute("set local enable_bitmapscan = off");
            return String.join("\n", db.named().queryForList("explain " + AppointmentProjection.BLOCKED_TIME,
                    new MapSqlParameterSource("providers", List.of("dr-a", "dr-b"))
                            .addValue("from", Timestamp.from(Instant.parse("2027-06-07T04:00:00Z")))
                            .addValue("to", Timestamp.from(Instant.parse("2027-06-21T04:00:00Z"))),
                    String.class));
        });
        assertThat(plan).contains("Index Only Scan using appointment_view_provider_blocking");
    }
}
