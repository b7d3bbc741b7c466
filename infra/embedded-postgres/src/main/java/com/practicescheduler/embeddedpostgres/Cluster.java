package com.practicescheduler.embeddedpostgres;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One cluster directory and the PostgreSQL programs that create, start, stop and inspect it, run as the server
 * account when the JVM is root ({@code account} is null otherwise).
 */
record Cluster(Path directory, Binaries binaries, ServerAccount account) {

    private static final Logger log = LoggerFactory.getLogger(Cluster.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** Extra time pg_ctl gets on top of its own timeout before we give up on it. */
    private static final Duration GRACE = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 30;
    private static final FileAttribute<?> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    boolean exists() {
        return Files.exists(directory.resolve("PG_VERSION"));
    }

    /** Beside (not in) the cluster: 0600, the JVM user's, so the server account never reads it. */
    Path credentialsFile() {
        return directory.resolveSibling(directory.getFileName() + ".credentials");
    }

    String savedPassword() throws IOException {
        if (!Files.exists(credentialsFile())) {
            throw new IllegalStateException("The cluster next to " + credentialsFile() + " exists but its credentials"
                    + " file is missing, so its superuser password is unknown. Restore the file or delete the cluster"
                    + " directory to start with an empty database.");
        }
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(credentialsFile())) {
            credentials.load(reader);
        }
        String password = credentials.getProperty("password", "");
        if (password.isEmpty()) {
            throw new IllegalStateException("No password in " + credentialsFile());
        }
        return password;
    }

    /**
     * Runs initdb with password authentication and returns the superuser's new random password, saved first (a JVM
     * dying right after initdb must still know it). The password reaches initdb through a file only the account
     * running initdb can read, which lives only as long as initdb runs.
     */
    String initialize(String superuser) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path saved = Files.createTempFile(directory.getParent(), ".credentials-", ".tmp", OWNER_ONLY);
        Files.writeString(saved, "# Superuser of the embedded PostgreSQL cluster next to this file\nusername="
                + superuser + "\npassword=" + password + "\n");
        Files.move(saved, credentialsFile(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);

        Files.createDirectories(directory);
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        if (account != null) {
            account.ownRecursively(directory);
        }
        Path passwordFile = Files.createTempFile(directory.getParent(), ".pg-initdb-", ".pw", OWNER_ONLY);
        try {
            Files.writeString(passwordFile, password + "\n");
            if (account != null) {
                account.own(passwordFile);
            }
            Programs.Result initdb = Programs.run(account, binaries.root(), Duration.ofMinutes(2), List.of(
                    binaries.program("initdb"), "-D", directory.toString(), "-U", superuser, "-E", "UTF8",
                    "--locale=C", "--auth=scram-sha-256", "--pwfile=" + passwordFile));
            if (!initdb.succeeded()) {
                throw new IllegalStateException("initdb failed for cluster directory " + directory + " (exit code "
                        + initdb.exitCode() + "). If the directory holds unrelated files, empty it or choose another"
                        + " one. Output:\n" + initdb.tail());
            }
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        log.info("initialized PostgreSQL cluster in {}", directory);
        return password;
    }

    /** Whether this cluster's server runs, for example one a killed JVM left behind ({@code pg_ctl status}). */
    boolean running() {
        return Files.exists(directory.resolve("postmaster.pid")) && pgCtl(TIMEOUT.plus(GRACE), "status").succeeded();
    }

    /** The running server's port, from postmaster.pid (line 1 pid, 2 data directory, 3 start time, 4 port). */
    int runningPort() throws IOException {
        List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).trim().matches("\\d+")) {
            throw new IllegalStateException("A PostgreSQL server is running for " + directory + " but its postmaster.pid"
                    + " does not name a port; stop it with pg_ctl stop -D " + directory);
        }
        return Integer.parseInt(lines.get(3).trim());
    }

    void start(int port, Map<String, String> settings) {
        StringBuilder options = new StringBuilder("-p ").append(port);
        // pg_ctl hands the options to /bin/sh, so every value is single-quoted for the shell
        settings.forEach((name, value) -> options.append(" -c '")
                .append((name + "=" + value).replace("'", "'\\''")).append('\''));
        Programs.Result start = pgCtl(TIMEOUT.plus(GRACE), "start", "-w", "-t", seconds(TIMEOUT),
                "-l", directory.resolve("postgres.log").toString(), "-o", options.toString());
        if (!start.succeeded()) {
            if (start.output().contains("did not start in time")) {
                // the server may still be coming up and would be left behind (only then: other failures may mean
                // that a different process owns this cluster's server)
                pgCtl(GRACE, "stop", "-m", "immediate");
            }
            throw new IllegalStateException("PostgreSQL did not start on port " + port + " (cluster dir " + directory
                    + ", exit code " + start.exitCode() + "). Is the port taken? pg_ctl output:\n" + start.tail()
                    + logTail());
        }
    }

    /** Stops the server with a fast shutdown and waits for it. */
    Programs.Result stop() {
        return pgCtl(TIMEOUT.plus(GRACE), "stop", "-m", "fast", "-w", "-t", seconds(TIMEOUT));
    }

    String logTail() {
        Path logFile = directory.resolve("postgres.log");
        try {
            // ISO-8859-1 never rejects a byte, so a stray non-UTF-8 message cannot hide the whole log
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            return "\nLast lines of " + logFile + ":\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException e) {
            return "\n(no readable " + logFile + ")";
        }
    }

    private Programs.Result pgCtl(Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.program("pg_ctl"), "-D", directory.toString()));
        command.addAll(List.of(arguments));
        return Programs.run(account, binaries.root(), timeout, command);
    }

    private static String seconds(Duration timeout) {
        return Long.toString(timeout.toSeconds());
    }
}
