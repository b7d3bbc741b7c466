package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
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
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-jar", System.getProperty("standalone.jar"), "--server.port=" + port,
                "--practice-scheduler.postgres.root-cluster-base=" + base)
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(checkout.resolve("application-" + port + ".log").toFile())
                .start();
    }

    private static Api awaitReady(Process application, int port) {
        Api api = new Api(port);
        Awaitility.await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
            assertThat(application.isAlive()).as("the application is still running").isTrue();
            return api.get(null, "/actuator/health/readiness").status() == 200;
        });
        return api;
    }

    /** SIGTERM, as a user's Ctrl-C: the application stops its PostgreSQL on the way out. */
    private static void stop(Process application) throws InterruptedException {
        application.destroy();
        if (!application.waitFor(60, TimeUnit.SECONDS)) {
            application.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String token(Path checkout) {
        return DevelopmentTokens.mint(DevelopmentKeys.loadOrCreate(checkout.resolve("data/keys")), "admin",
                "practice-root", List.of(Role.PRACTICE_ADMIN), null, Instant.now(), Duration.ofHours(1));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
