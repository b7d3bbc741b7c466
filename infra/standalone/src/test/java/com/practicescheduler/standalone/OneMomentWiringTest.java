package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.query.readmodel.OneMoment;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The availability search and FHIR {@code Slot} read the practice's zone and the providers through
 * {@link OneMoment}: with the application's own transaction manager (JPA's) and its {@code JdbcTemplate}, the
 * projections' reads inside it see one moment.
 */
class OneMomentWiringTest extends IntegrationTest {

    @Autowired
    OneMoment oneMoment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    DataSource dataSource;

    @Test
    void aSettingsRowCommittedBetweenTwoReadsOfOneAnswerIsSeenByNeither() {
        String practice = "practice-" + System.nanoTime();

        List<String> zonesSeen = oneMoment.read(() -> {
            String before = zone(practice);
            commitOnAConnectionOfItsOwn(practice);
            return List.of(before, zone(practice));
        });

        assertThat(zonesSeen).containsExactly("none", "none");
        assertThat(zone(practice)).isEqualTo("America/New_York");
    }

    private void commitOnAConnectionOfItsOwn(String practice) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     insert into practice_settings_view (practice_id, time_zone, slot_minutes, late_cancel_hours,
                         offer_hold, offer_strategy, booking_horizon_days)
                     values (?, 'America/New_York', 15, 24, 'PT2H', 'SEQUENTIAL', 180)
                     """)) {
            insert.setString(1, practice);
            insert.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String zone(String practice) {
        return jdbc.queryForList("select time_zone from practice_settings_view where practice_id = ?", String.class,
                practice).stream().findFirst().orElse("none");
    }
}
