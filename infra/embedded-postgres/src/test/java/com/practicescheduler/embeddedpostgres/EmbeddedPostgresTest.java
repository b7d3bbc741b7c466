package com.practicescheduler.embeddedpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts real PostgreSQL servers. On a machine (or CI) where the JVM runs as root this goes through the
 * setpriv path: the server runs as {@code nobody}.
 */
class EmbeddedPostgresTest {

    @TempDir
    Path tempDir;

    @BeforeEach
    void letTheServerAccountIn() throws IOException {
        // JUnit creates @TempDir with mode 0700. When the JVM is root, PostgreSQL runs as "nobody", which must be
        // able to pass through this directory to reach the cluster directory inside it (EmbeddedPostgres chowns
        // the cluster directory itself, but deliberately leaves the caller's directories alone).
        Files.setPosixFilePermissions(tempDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @Test
    void dataSurvivesARestart() throws Exception {
        Path cluster = tempDir.resolve("nested/cluster"); // the missing parent is created too
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(cluster).serverSetting("work_mem", "8MB").start()) {
            assertThat(pg.adopted()).isFalse();
            assertThat(pg.port()).isPositive();
            pg.createDatabaseIfMissing("practice");
            pg.createDatabaseIfMissing("practice"); // second call is a no-op
            try (Connection connection = connect(pg, "practice"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE note (id int PRIMARY KEY, body text)");
                sql.execute("INSERT INTO note VALUES (1, 'kept across restarts')");
                assertThat(show(sql, "work_mem")).isEqualTo("8MB");
                // Privacy defaults: statement text never reaches postgres.log.
                assertThat(show(sql, "log_min_error_statement")).isEqualTo("panic");
                assertThat(show(sql, "log_statement")).isEqualTo("none");
                assertThat(show(sql, "unix_socket_directories")).isEmpty();
            }
        }

        Path credentials = tempDir.resolve("nested/cluster.credentials");
        assertThat(credentials).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(cluster).start()) {
            assertThat(pg.adopted()).isFalse();
            try (Connection connection = connect(pg, "practice"); Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT body FROM note WHERE id = 1")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("kept across restarts");
            }
        }
    }

    @Test
    void asksEveryoneForThePassword() {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(tempDir.resolve("cluster")).start()) {
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), "guessed"))
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("28P01"));
            assertThatThrownBy(() -> DriverManager.getConnection(pg.jdbcUrl("postgres"), pg.username(), ""))
                    .isInstanceOf(SQLException.class);
        }
    }

    @Test
    void adoptsTheServerOfAJvmThatWasKilled() throws Exception {
        Path cluster = tempDir.resolve("cluster");
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LeftRunning.class.getName(), cluster.toString())
                .redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(jvm.getInputStream()))) {
            String line;
            do {
                line = output.readLine();
            } while (line != null && !line.equals(LeftRunning.READY));
            assertThat(line).as("the other JVM started its server").isEqualTo(LeftRunning.READY);
        } finally {
            jvm.destroyForcibly().waitFor(); // kill -9: its server is left running, nobody will stop it
        }

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(cluster).start()) {
            assertThat(pg.adopted()).isTrue();
            try (Connection connection = connect(pg, "practice"); Statement sql = connection.createStatement();
                 ResultSet rows = sql.executeQuery("SELECT body FROM note")) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getString(1)).isEqualTo("written before the kill");
            }
        }
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder(cluster).start()) {
            assertThat(pg.adopted()).as("the adopter stopped the server when it closed").isFalse();
        }
    }

    @Test
    void adoptsAServerThatIsStillRunning() throws Exception {
        Path cluster = tempDir.resolve("cluster");
        // Stands in for a JVM that was killed and left its server running: we simply never close "first" before
        // the second start().
        try (EmbeddedPostgres first = EmbeddedPostgres.builder(cluster).start()) {
            first.createDatabaseIfMissing("practice");
            try (Connection connection = connect(first, "practice"); Statement sql = connection.createStatement()) {
                sql.execute("CREATE TABLE note (body text)");
                sql.execute("INSERT INTO note VALUES ('visible to the adopter')");
            }

            try (EmbeddedPostgres second = EmbeddedPostgres.builder(cluster).start()) {
                assertThat(second.adopted()).isTrue();
                assertThat(second.port()).isEqualTo(first.port());
                assertThat(second.password()).isEqualTo(first.password());
                try (Connection connection = connect(second, "practice"); Statement sql = connection.createStatement();
                     ResultSet rows = sql.executeQuery("SELECT body FROM note")) {
                    assertThat(rows.next()).isTrue();
                    assertThat(rows.getString(1)).isEqualTo("visible to the adopter");
                }
            }
            // second.close() stopped the shared server; first.close() must then be a quiet no-op.
        }
    }

    @Test
    void explainsWhichDirectoryTheServerAccountCannotEnter() throws IOException {
        Assumptions.assumeTrue(ServerAccount.jvmIsRoot(), "only root switches to another account");
        Path blocked = Files.createDirectory(tempDir.resolve("private"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path cluster = blocked.resolve("cluster");

        assertThatThrownBy(() -> EmbeddedPostgres.builder(cluster).start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("'nobody'")
                .hasMessageContaining("cannot enter directory " + blocked + " ")
                .hasMessageContaining("Choose a cluster directory outside it");
        assertThat(cluster).doesNotExist();
    }

    private static Connection connect(EmbeddedPostgres pg, String database) throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
    }

    private static String show(Statement sql, String setting) throws SQLException {
        try (ResultSet rows = sql.executeQuery("SHOW " + setting)) {
            rows.next();
            return rows.getString(1);
        }
    }
}
