package com.practicescheduler.platform.testing;

import com.practicescheduler.embeddedpostgres.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.util.FileSystemUtils;

/**
 * One real PostgreSQL per test JVM (the same embedded server the application uses), and a fresh database for
 * each caller, so test classes never see each other's data. Durability settings are relaxed: the tests kill
 * application processes, never this server.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestPostgres() {
    }

    /** A new, empty database. */
    public static synchronized TestDatabase newDatabase() {
        if (server == null) {
            server = start();
        }
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        server.createDatabaseIfMissing(name);
        return new TestDatabase(server.jdbcUrl(name), server.username(), server.password());
    }

    private static EmbeddedPostgres start() {
        try {
            Path base = Files.createTempDirectory("practice-scheduler-test-pg");
            // the server may run as an unprivileged account (tests run as root on CI): let it in
            Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwxr-xr-x"));
            EmbeddedPostgres postgres = EmbeddedPostgres.builder(base.resolve("cluster"))
                    .serverSetting("fsync", "off")
                    .serverSetting("synchronous_commit", "off")
                    .serverSetting("full_page_writes", "off")
                    .serverSetting("max_connections", "400")
                    .start();
            // stopped, then its 180 MB deleted, when the test JVM ends: a suite run left one cluster per test JVM
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                postgres.close();
                FileSystemUtils.deleteRecursively(base.toFile());
            }, "test-postgres-cleanup"));
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a test's database is. */
    public record TestDatabase(String url, String username, String password) {
    }
}
