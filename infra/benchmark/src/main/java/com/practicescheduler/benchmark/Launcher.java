package com.practicescheduler.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Starts the standalone jar as its own process, as the README's first command does, and stops it. */
final class Launcher {

    private Launcher() {
    }

    static Process start(Path jar, Path dataDir, int port, List<String> javaOptions, List<String> more)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No standalone jar at " + jar.toAbsolutePath()
                    + ": build it first (./mvnw -q -B -DskipTests package)");
        }
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "--server.port=" + port,
                "--practice-scheduler.data-dir=" + dataDir.toAbsolutePath(),
                // the benchmark's clients share one address and a few tokens, far beyond a front desk's rate
                "--practice-scheduler.rate-limits.per-address=0", "--practice-scheduler.rate-limits.per-token=0"));
        command.addAll(more);
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dataDir.resolve("application.log").toFile())
                .start();
    }

    /** Waits until the readiness probe answers UP. */
    static void awaitReady(String base, Process process, int timeoutSeconds) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the application exited with " + process.exitValue());
            }
            try {
                HttpResponse<String> ready = client.send(HttpRequest.newBuilder(URI.create(base
                        + "/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200 && ready.body().contains("UP")) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the application was not ready within " + timeoutSeconds + " s");
    }

    /** README command 1 on a fresh data directory (its own embedded PostgreSQL, initdb included): seconds to ready. */
    static double coldStart(Path jar, Path dataDir) throws Exception {
        int port = freePort();
        long launched = System.nanoTime();
        Process process = start(jar, dataDir, port, List.of(), List.of());
        try {
            awaitReady("http://localhost:" + port, process, 180);
            return (System.nanoTime() - launched) / 1e9;
        } finally {
            stop(process);
        }
    }

    /** A TCP port nothing listens on now. */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * Deletes the run's data directories (PostgreSQL clusters, the application's data), hundreds of MB a run, and
     * keeps its {@code .log} files. Best effort: what cannot be deleted stays.
     */
    static void removeAllButLogs(Path work) {
        try (Stream<Path> paths = Files.walk(work)) {
            paths.sorted(Comparator.reverseOrder())
                    .filter(path -> !path.getFileName().toString().endsWith(".log"))
                    .forEach(path -> {
                        try {
                            if (!Files.isDirectory(path) || isEmpty(path)) {
                                Files.delete(path);
                            }
                        } catch (IOException keep) {
                            // stays; the run's results are written already
                        }
                    });
        } catch (IOException | UncheckedIOException keep) {
            // as above
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.findAny().isEmpty();
        }
    }

    static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
