package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.StandaloneJar.awaitReady;
import static com.practicescheduler.standalone.StandaloneJar.freePort;
import static com.practicescheduler.standalone.StandaloneJar.stop;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 the way most people first meet it: as root, from a checkout inside root's home directory (mode
 * 0700, which PostgreSQL's unprivileged account cannot enter). The packaged jar starts with nothing but its
 * defaults, keeps its data across a restart, leaves the directories' permissions as they were, and a second checkout
 * beside it gets a database of its own.
 */
class StandaloneJarAsRootIT {

    @TempDir
    Path temp;

    @Test
    void startsAsRootFromInsideAPrivateDirectoryAndKeepsItsDataAcrossARestart() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "only a root JVM runs PostgreSQL as another account; this machine runs the suite as "
                        + System.getProperty("user.name"));
        Path home = Files.createDirectory(temp.resolve("home"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        Path checkout = Files.createDirectory(home.resolve("practice-scheduler"));
        Path otherCheckout = Files.createDirectory(home.resolve("another-checkout"));
        // the clusters' base stays inside this test's directory (the default is /var/lib/practice-scheduler)
        Path base = Files.createDirectory(temp.resolve("clusters"));
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));

        String serviceId;
        int port = freePort();
        Process first = start(checkout, base, port);
        try {
            Api api = awaitReady(first, port);
            String token = token(checkout);
            Api.Response created = api.post(token, "/api/v1/services", Map.of("name", "Intake",
                    "durationMinutes", 60));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            serviceId = created.id();
        } finally {
            stop(first);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home))).isEqualTo("rwx------");
        Path cluster = Path.of(Files.readString(checkout.resolve("data/postgres.location")).trim());
        assertThat(cluster).startsWith(base);
        assertThat(cluster.resolve("postgres/PG_VERSION")).exists();

        Process again = start(checkout, base, port);
        try {
            Api api = awaitReady(again, port);
            assertThat(api.get(token(checkout), "/api/v1/services").body().path("services"))
                    .extracting(s -> s.path("id").asText()).containsExactly(serviceId);
        } finally {
            stop(again);
        }

        int otherPort = freePort();
        Process other = start(otherCheckout, base, otherPort);
        try {
            Api api = awaitReady(other, otherPort);
            assertThat(api.get(token(otherCheckout), "/api/v1/services").body().path("services"))
                    .as("another checkout has a database of its own").isEmpty();
        } finally {
            stop(other);
        }
        assertThat(Path.of(Files.readString(otherCheckout.resolve("data/postgres.location")).trim()))
                .isNotEqualTo(cluster);
    }

    private static Process start(Path checkout, Path base, int port) throws IOException {
        return StandaloneJar.start(List.of(), List.of(), StandaloneJar.packaged(), checkout, port,
                "--practice-scheduler.postgres.root-cluster-base=" + base);
    }

    private static String token(Path checkout) {
        return StandaloneJar.token(checkout, "practice-root");
    }
}
