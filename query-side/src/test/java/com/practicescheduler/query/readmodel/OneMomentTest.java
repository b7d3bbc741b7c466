package com.practicescheduler.query.readmodel;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.query.ReadModelDatabase;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Reads of one answer against a processor's batch that commits between them, on a real PostgreSQL. */
class OneMomentTest {

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();

    private final OneMoment oneMoment = new OneMoment(new DataSourceTransactionManager(db.dataSource()));

    @Test
    void aBatchCommittedBetweenTwoReadsOfOneAnswerIsSeenByNeither() {
        List<String> zonesSeen = oneMoment.read(() -> {
            String before = zone();
            db.elsewhere().update("""
                    insert into practice_settings_view (practice_id, time_zone, slot_minutes, late_cancel_hours,
                        offer_hold, offer_strategy, booking_horizon_days)
                    values ('practice-1', 'America/New_York', 15, 24, 'PT2H', 'SEQUENTIAL', 180)
                    """);
            return List.of(before, zone());
        });

        assertThat(zonesSeen).as("both reads from before the batch").containsExactly("none", "none");
        assertThat(zone()).as("the next answer sees it").isEqualTo("America/New_York");
    }

    @Test
    void itsReadsCannotWrite() {
        String refused = oneMoment.read(() -> {
            try {
                db.jdbc().update("delete from practice_settings_view");
                return "written";
            } catch (DataAccessException e) {
                return "refused";
            }
        });

        assertThat(refused).isEqualTo("refused");
    }

    private static String zone() {
        return db.jdbc().queryForList("select time_zone from practice_settings_view where practice_id = 'practice-1'",
                String.class).stream().findFirst().orElse("none");
    }
}
