package com.practicescheduler.query;

import com.practicescheduler.platform.testing.TestPostgres;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A fresh PostgreSQL database with the platform and query-side migrations applied, for one test class. Uses a
 * single shared connection (auto-commit), so each statement is visible to the next at once. Register it as a
 * static {@code @RegisterExtension}: it empties the read models before each test and closes after the class.
 */
public final class ReadModelDatabase implements AutoCloseable, BeforeEachCallback, AfterAllCallback {

    private final TestPostgres.TestDatabase database;
    private final SingleConnectionDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    private ReadModelDatabase(TestPostgres.TestDatabase database, SingleConnectionDataSource dataSource) {
        this.database = database;
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /** A new database, migrated the way the query side migrates its own. */
    public static ReadModelDatabase migrated() {
        TestPostgres.TestDatabase db = TestPostgres.newDatabase();
        Flyway.configure()
                .dataSource(db.url(), db.username(), db.password())
                .locations("classpath:db/migration/platform", "classpath:db/migration/query")
                .load()
                .migrate();
        return new ReadModelDatabase(db, new SingleConnectionDataSource(db.url(), db.username(), db.password(),
                true));
    }

    /** The shared connection's data source: for a transaction manager over it. */
    public DataSource dataSource() {
        return dataSource;
    }

    /** Statements each on a new connection of its own (auto-commit), as another process would run them. */
    public JdbcTemplate elsewhere() {
        return new JdbcTemplate(new DriverManagerDataSource(database.url(), database.username(),
                database.password()));
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    public NamedParameterJdbcTemplate named() {
        return named;
    }

    /** Empties every read-model table (not through the projections, so their own reset can be tested). */
    public void truncateReadModels() {
        jdbc.execute("truncate practice_settings_view, service_view, provider_view, time_off_view, patient_view,"
                + " appointment_view, waitlist_entry_view, waitlist_offer_view, report_practice, report_provider,"
                + " report_working_hours, report_time_off, report_appointment, report_waitlist_entry, report_offer,"
                + " report_freed_time, report_rebooking, group_session_view, group_session_seat_hold,"
                + " report_group_session, appointment_series_view, appointment_series_skipped");
    }

    /** Every row of the table as JSON, in a stable order: to compare a read model before and after. */
    public List<String> rows(String table) {
        return jdbc.queryForList("select row_to_json(t)::text as row from " + table + " t order by 1", String.class);
    }

    public int count(String table) {
        Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
        return count == null ? 0 : count;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        truncateReadModels();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (testClass.getNestHost() == testClass) { // not after each @Nested class: only after the outer one
            close();
        }
    }

    @Override
    public void close() {
        dataSource.destroy();
    }
}
