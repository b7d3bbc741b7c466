package com.practicescheduler.standalone;

import static com.practicescheduler.standalone.StandaloneJar.awaitReady;
import static com.practicescheduler.standalone.StandaloneJar.freePort;
import static com.practicescheduler.standalone.StandaloneJar.stop;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 as a normal user, in a checkout of their own: the embedded PostgreSQL runs as that user in
 * {@code ./data/postgres} and keeps its data across a restart. When the suite runs as a normal user every test takes
 * this path; as root (CI), this test switches to {@code nobody} for the packaged jar, with a temp directory of its own
 * so the binaries are unpacked afresh.
 */
class StandaloneJarAsNormalUserIT {

    @TempDir
    Path temp;

    @Test
    void startsAsANormalUserAndKeepsItsDataAcrossARestart() throws Exception {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "only root can switch to nobody");
        Assumptions.assumeTrue(reachableByEveryone(Path.of(System.getProperty("java.home"))),
                "nobody cannot run this JVM's java");
        List<String> asNobody = List.of("setpriv", "--reuid=" + id("-u"), "--regid=" + id("-g"), "--clear-groups", "--");
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path checkout = Files.createDirectory(temp.resolve("checkout"));
        Files.createDirectory(checkout.resolve("tmp"));
        Path jar = Files.copy(StandaloneJar.packaged(), checkout.resolve("practice-scheduler.jar"));
        Files.setPosixFilePermissions(jar, PosixFilePermissions.fromString("rw-r--r--"));
        UserPrincipal nobody = temp.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        try (Stream<Path> files = Files.walk(checkout)) {
            for (Path path : files.toList()) {
                Files.setOwner(path, nobody);
            }
        }

        List<String> ownTemp = List.of("-Djava.io.tmpdir=" + checkout.resolve("tmp"));
        int port = freePort();
        String serviceId;
        Process first = StandaloneJar.start(asNobody, ownTemp, jar, checkout, port);
        try {
            Api api = awaitReady(first, port);
            Api.Response created = api.post(StandaloneJar.token(checkout, "practice-nobody"), "/api/v1/services",
                    Map.of("name", "Intake", "durationMinutes", 60));
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            serviceId = created.id();
        } finally {
            stop(first);
        }
        Path cluster = checkout.resolve("data/postgres");
        assertThat(Files.getOwner(cluster.resolve("PG_VERSION")).getName()).isEqualTo("nobody");
        assertThat(checkout.resolve("data/postgres.location")).doesNotExist();
        assertThat(checkout.resolve("tmp/practice-scheduler-pg")).isDirectory();
        Path credentials = checkout.resolve("data/postgres.credentials");
        assertThat(Files.getOwner(credentials).getName()).isEqualTo("nobody");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials))).isEqualTo("rw-------");

        Process again = StandaloneJar.start(asNobody, ownTemp, jar, checkout, port);
        try {
            Api api = awaitReady(again, port);
            assertThat(api.get(StandaloneJar.token(checkout, "practice-nobody"), "/api/v1/services").body()
                    .path("services")).extracting(s -> s.path("id").asText()).containsExactly(serviceId);
        } finally {
            stop(again);
        }
    }

    private static boolean reachableByEveryone(Path directory) throws IOException {
        for (Path p = directory.toRealPath(); p != null; p = p.getParent()) {
            if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                return false;
            }
        }
        return true;
    }

    private static String id(String option) throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", option, "nobody").start();
        String value = new String(id.getInputStream().readAllBytes()).trim();
        assertThat(id.waitFor()).isZero();
        return value;
    }
}
