package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.platform.security.DevelopmentKeys;
import com.practicescheduler.platform.security.DevelopmentTokens;
import com.practicescheduler.platform.security.Role;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/** The packaged standalone jar (README command 1) in a process of its own, for the *IT tests. */
final class StandaloneJar {

    private StandaloneJar() {
    }

    /**
     * Starts {@code jar} from {@code checkout} (its working directory) on {@code port}; {@code prefix} runs it as
     * another account (e.g. setpriv), empty for this JVM's own; {@code javaOptions} go before {@code -jar}.
     */
    static Process start(List<String> prefix, List<String> javaOptions, Path jar, Path checkout, int port,
                         String... arguments) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
        command.addAll(List.of(arguments));
        return new ProcessBuilder(command)
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(checkout.resolve("application-" + port + ".log").toFile())
                .start();
    }

    static Path packaged() {
        return Path.of(System.getProperty("standalone.jar"));
    }

    static Api awaitReady(Process application, int port) {
        Api api = new Api(port);
        Awaitility.await().atMost(Duration.ofSeconds(180)).ignoreExceptions().until(() -> {
            assertThat(application.isAlive()).as("the application is still running").isTrue();
            return api.get(null, "/actuator/health/readiness").status() == 200;
        });
        return api;
    }

    /** SIGTERM, as a user's Ctrl-C: the application stops its PostgreSQL on the way out. */
    static void stop(Process application) throws InterruptedException {
        application.destroy();
        if (!application.waitFor(60, TimeUnit.SECONDS)) {
            application.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A practice administrator's token signed with the development keys of {@code checkout}'s data directory. */
    static String token(Path checkout, String practice) {
        return DevelopmentTokens.mint(DevelopmentKeys.loadOrCreate(checkout.resolve("data/keys")), "admin", practice,
                List.of(Role.PRACTICE_ADMIN), null, Instant.now(), Duration.ofHours(1));
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
