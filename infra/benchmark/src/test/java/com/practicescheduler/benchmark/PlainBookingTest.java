package com.practicescheduler.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.embeddedpostgres.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-booking baseline and PostgreSQL's CPU on a real PostgreSQL (the embedded one, btree_gist included). */
class PlainBookingTest {

    @TempDir
    Path tempDir;

    @Test
    void refusesEveryDeliberateConflictLeavesNoOverlapAndDropsItsSchema() throws Exception {
        // when the JVM is root, PostgreSQL runs as another account, which must pass through this directory
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(tempDir.resolve("pg")).start()) {
            String url = pg.jdbcUrl("postgres");
            Cpu cpu = new Cpu(null, Cpu.postmasterOf(url, pg.username(), pg.password()));
            Cpu.Sample before = cpu.sample();

            PlainBooking.Result result = PlainBooking.run(url, pg.username(), pg.password(), 4, 3, 2);

            assertThat(result.bookings()).isPositive();
            assertThat(result.conflicts()).isPositive();
            assertThat(result.unexpected()).isZero();
            assertThat(result.overlappingPairs()).isZero();
            assertThat(result.book().count()).isEqualTo(result.bookings());
            try (Connection connection = DriverManager.getConnection(url, pg.username(), pg.password());
                 Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select count(*) from pg_namespace where nspname = '"
                         + PlainBooking.SCHEMA + "'")) {
                rs.next();
                assertThat(rs.getLong(1)).isZero();
            }
            Cpu.PerBooking used = cpu.perBooking(before, cpu.sample(), result.bookings());
            assertThat(used.postgresMs()).isNotNull().isPositive(); // thousands of commits cost its processes CPU
            assertThat(used.benchmarkMs()).isNotNull();
            assertThat(used.applicationMs()).isNull(); // no application here
        }
    }
}
