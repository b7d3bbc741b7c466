package com.practicescheduler.embeddedpostgres;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Runs PostgreSQL's programs (as the server account when there is one) and small system tools, in a clean environment. */
final class Programs {

    private static final int OUTPUT_TAIL_CHARS = 3000;

    private Programs() {
    }

    /** A finished program: its exit code and its combined standard output and error. */
    record Result(int exitCode, String output) {

        boolean succeeded() {
            return exitCode == 0;
        }

        String tail() {
            return Programs.tail(output);
        }
    }

    /**
     * Runs {@code command} as {@code account} (as the JVM's own user when null) in {@code directory} (one the account
     * can enter; the JVM's own, e.g. /root, may be closed to it), killing it after {@code timeout}.
     */
    static Result run(ServerAccount account, Path directory, Duration timeout, List<String> command) {
        List<String> full = account == null ? command : account.wrap(command);
        Path output = null;
        try {
            // a file, not a pipe: a chatty program can never block on it, and no thread has to drain it
            output = Files.createTempFile("practice-scheduler-pg-", ".out");
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            cleanEnvironment(builder.environment());
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s running "
                        + String.join(" ", full) + "\nOutput so far:\n" + tail(read(output)));
            }
            return new Result(process.exitValue(), read(output));
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", full) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", full), e);
        } finally {
            if (output != null) {
                output.toFile().delete();
            }
        }
    }

    /** Runs a system tool as the JVM's user and returns its trimmed output; fails on a non-zero exit. */
    static String tool(String name, String... arguments) {
        String executable = find(name);
        if (executable == null) {
            throw new IllegalStateException(name + " not found");
        }
        List<String> command = new ArrayList<>(List.of(executable));
        command.addAll(List.of(arguments));
        Result result = run(null, null, Duration.ofSeconds(30), command);
        if (!result.succeeded()) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output().trim());
        }
        return result.output().trim();
    }

    /** The path of executable {@code name} on the JVM's PATH or in the system directories, or null. */
    static String find(String name) {
        return Stream.concat(Stream.of(System.getenv().getOrDefault("PATH", "").split(":")),
                        Stream.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, name))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .map(Path::toString)
                .findFirst().orElse(null);
    }

    static String tail(String text) {
        return text.length() <= OUTPUT_TAIL_CHARS ? text : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
    }

    private static void cleanEnvironment(Map<String, String> environment) {
        environment.clear();
        environment.put("LC_ALL", "C");
        environment.put("LANG", "C");
        environment.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        // a date moved with libfaketime (the suite is run a year ahead) reaches the server as it reaches the JVM
        System.getenv().forEach((name, value) -> {
            if (name.equals("LD_PRELOAD") || name.startsWith("FAKETIME")) {
                environment.put(name, value);
            }
        });
    }

    private static String read(Path output) throws IOException {
        // ISO-8859-1 never rejects a byte, so a stray non-UTF-8 message cannot hide the whole output
        return new String(Files.readAllBytes(output), StandardCharsets.ISO_8859_1);
    }
}
