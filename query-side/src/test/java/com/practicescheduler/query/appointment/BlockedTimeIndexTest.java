package com.practicescheduler.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.query.ReadModelDatabase;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Availability reads the live appointments that meet its window for each provider: that must come from the indexes
 * alone, or each of them costs a heap fetch (the benchmark's availability p50 went from 7.6 to 20.4 ms when a
 * predicate the index did not cover was added), and the scan must stop past the window, not read every appointment
 * up to the booking horizon (27.5 ms after 33,000 bookings). The plan's shape is asserted, not its time; sequential
 * and bitmap scans are switched off for the query, so that an empty table does not decide the plan.
 */
class BlockedTimeIndexTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();

    private static final Instant FROM = Instant.parse("2027-06-07T04:00:00Z");
    private static final Instant TO = Instant.parse("2027-06-21T04:00:00Z");

    @Test
    void availabilitysBlockedTimeIsAnIndexOnlyScanOfThePartialIndexesThatStopsADayPastTheWindow() {
        TransactionTemplate transaction = new TransactionTemplate(
                new DataSourceTransactionManager(db.jdbc().getDataSource()));
        String plan = transaction.execute(status -> {
            db.jdbc().execute("set local enable_seqscan = off");
            db.jdbc().execute("set local enable_bitmapscan = off");
            return String.join("\n", db.named().queryForList("explain " + AppointmentProjection.BLOCKED_TIME,
                    AppointmentProjection.blockedTimeParameters(List.of("dr-a", "dr-b"), FROM, TO), String.class));
        });
        assertThat(plan).contains("Index Only Scan using appointment_view_provider_blocking on")
                .contains("Index Only Scan using appointment_view_provider_blocking_long on");
        String bounded = plan.substring(plan.indexOf("appointment_view_provider_blocking on"));
        assertThat(bounded.substring(0, bounded.indexOf("Filter") < 0 ? bounded.length() : bounded.indexOf("Filter")))
                .as("the scan's own bounds: from the window's start to a day past its end")
                .contains("blocked_until > ").contains("blocked_until <= ");
    }

    @Test
    void blockedTimeHoldsEveryLiveAppointmentThatMeetsTheWindowWhateverItsLength() {
        Instant day = Instant.parse("2027-06-10T14:00:00Z");
        appointment("ended-before", "2027-06-06T14:00:00Z", "2027-06-06T15:00:00Z", "BOOKED", null);
        appointment("inside", day.toString(), day.plusSeconds(3600).toString(), "BOOKED", null);
        appointment("across-the-start", "2027-06-07T03:30:00Z", "2027-06-07T04:30:00Z", "COMPLETED", null);
        appointment("after", "2027-06-21T04:00:00Z", "2027-06-21T05:00:00Z", "BOOKED", null);
        appointment("two-days-across-the-end", "2027-06-20T04:00:00Z", "2027-06-22T05:00:00Z", "BOOKED", null);
        appointment("two-days-after", "2027-06-21T05:00:00Z", "2027-06-23T05:00:00Z", "BOOKED", null);
        appointment("seat", day.plusSeconds(7200).toString(), day.plusSeconds(10800).toString(), "BOOKED", "gs-1");
        appointment("cancelled", day.plusSeconds(14400).toString(), day.plusSeconds(18000).toString(), "CANCELLED",
                null);

        List<Instant> starts = db.named().query(AppointmentProjection.BLOCKED_TIME,
                AppointmentProjection.blockedTimeParameters(List.of("dr-a"), FROM, TO),
                (rs, row) -> rs.getTimestamp("start_at").toInstant());

        assertThat(starts).containsExactlyInAnyOrder(day, Instant.parse("2027-06-07T03:30:00Z"),
                Instant.parse("2027-06-20T04:00:00Z"));
    }

    private static void appointment(String id, String start, String blockedUntil, String status, String session) {
        db.jdbc().update("insert into appointment_view (appointment_id, practice_id, patient_id, provider_id,"
                        + " service_id, start_at, end_at, blocked_until, status, source, group_session_id)"
                        + " values (?, 'practice', 'patient', 'dr-a', 'service', ?, ?, ?, ?, 'STAFF', ?)",
                id, Timestamp.from(Instant.parse(start)), Timestamp.from(Instant.parse(blockedUntil)),
                Timestamp.from(Instant.parse(blockedUntil)), status, session);
    }
}
