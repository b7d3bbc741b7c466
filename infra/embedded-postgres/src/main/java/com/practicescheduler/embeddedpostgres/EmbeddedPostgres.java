package com.practicescheduler.embeddedpostgres;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server for the standalone launcher, the benchmark and the tests, started from the zonky
 * binaries jar; as root, its programs run as an unprivileged account ({@link ServerAccount}).
 *
 * <p>The cluster persists: starting again on the same directory keeps the data. If a previous JVM died without
 * stopping its server, the still-running server is adopted instead of starting a second one. The server listens on
 * localhost only and asks for a password (SCRAM); the superuser's random password is kept beside the cluster in
 * {@code <cluster>.credentials}, mode 0600, owned by the JVM's user.
 *
 * <p>Nothing global is registered; callers decide when to {@link #close()} (or use {@link #stopOnShutdown()}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);
    private static final String SUPERUSER = "postgres";
    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    /** pg_ctl hands the data directory to /bin/sh inside double quotes, so these characters would break it. */
    private static final Pattern SHELL_UNSAFE_PATH = Pattern.compile("[\"$`\\\\\\n]");

    private final Cluster cluster;
    private final int port;
    private final String password;
    private final boolean adopted;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread shutdownHook;

    private EmbeddedPostgres(Cluster cluster, int port, String password, boolean adopted) {
        this.cluster = cluster;
        this.port = port;
        this.password = password;
        this.adopted = adopted;
        log.info("started PostgreSQL on port {} (cluster dir {}, adopted={})", port, cluster.directory(), adopted);
    }

    public static Builder builder(Path clusterDirectory) {
        return new Builder(clusterDirectory);
    }

    public int port() {
        return port;
    }

    /** The superuser created by initdb. */
    public String username() {
        return SUPERUSER;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://localhost:" + port + "/" + database;
    }

    /** True if the server was already running for this cluster (e.g. left by a killed JVM) and was reused. */
    public boolean adopted() {
        return adopted;
    }

    public Path clusterDirectory() {
        return cluster.directory();
    }

    /** Creates {@code database} (owned by the superuser) unless it already exists. Safe to call concurrently. */
    public void createDatabaseIfMissing(String database) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password);
             PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + database.replace("\"", "\"\"") + "\"");
            } catch (SQLException e) {
                if (!"42P04".equals(e.getSQLState())) { // 42P04: created by someone else meanwhile, as we wanted
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database '" + database + "' on embedded PostgreSQL at "
                    + jdbcUrl("postgres") + ": " + e.getMessage(), e);
        }
    }

    /** Adds a JVM shutdown hook that calls {@link #close()} (a no-op if you closed earlier). */
    public synchronized EmbeddedPostgres stopOnShutdown() {
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::close, "embedded-postgres-stop-" + port);
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
        return this;
    }

    /** Stops the server (fast shutdown), also when it was adopted. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        Programs.Result stop = cluster.stop();
        // a failure with no server running means someone else already stopped it: fine
        if (!stop.succeeded() && cluster.running()) {
            throw new IllegalStateException("Could not stop embedded PostgreSQL (cluster dir " + cluster.directory()
                    + "):\n" + stop.tail() + cluster.logTail());
        }
        log.info("stopped PostgreSQL on port {} (cluster dir {})", port, cluster.directory());
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[port=" + port + ", clusterDirectory=" + cluster.directory() + ", adopted=" + adopted + "]";
    }

    /** Where the cluster lives, its port and its server settings. */
    public static final class Builder {

        private final Path directory;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private int port;

        private Builder(Path clusterDirectory) {
            directory = Objects.requireNonNull(clusterDirectory, "clusterDirectory").toAbsolutePath().normalize();
            if (directory.getParent() == null || SHELL_UNSAFE_PATH.matcher(directory.toString()).find()) {
                throw new IllegalArgumentException("cluster directory must not be / nor contain \", $, ` or \\ (pg_ctl"
                        + " passes it through /bin/sh): " + directory);
            }
            settings.put("listen_addresses", "localhost");
            // no unix socket: its default directory (/var/run/postgresql or /tmp) may not be writable by the account
            settings.put("unix_socket_directories", "");
            // privacy: SQL text and error details can contain patient data; keep them out of postgres.log
            settings.put("log_min_error_statement", "panic");
            settings.put("log_statement", "none");
            settings.put("log_error_verbosity", "terse");
        }

        /** TCP port on localhost; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
            }
            this.port = port;
            return this;
        }

        /** A server setting, passed as {@code -c name=value}; overrides the built-in defaults of the same name. */
        public Builder serverSetting(String name, String value) {
            if (name == null || !SETTING_NAME.matcher(name).matches() || name.equalsIgnoreCase("port")) {
                throw new IllegalArgumentException("not a PostgreSQL setting name (use port(int) for the port): " + name);
            }
            settings.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the cluster if needed and starts (or adopts) its server.
         *
         * @throws IllegalStateException with the reason and the tail of the programs' output if anything fails
         */
        public EmbeddedPostgres start() {
            try {
                ServerAccount account = ServerAccount.forThisJvm();
                if (account != null) { // fail before creating anything
                    account.requireTraversable(directory.getParent(), "the cluster directory " + directory,
                            "Choose a cluster directory outside it (for example under /var/lib or /srv)");
                }
                Binaries binaries = Binaries.extract();
                if (account != null) {
                    account.requireTraversable(binaries.root(), "the PostgreSQL binaries",
                            "Point -Djava.io.tmpdir at a directory that account can reach");
                }
                Cluster cluster = new Cluster(directory, binaries, account);
                createParentDirectories(account != null);
                String password = cluster.exists() ? cluster.savedPassword() : cluster.initialize(SUPERUSER);
                if (cluster.running()) {
                    return new EmbeddedPostgres(cluster, cluster.runningPort(), password, true);
                }
                if (account != null) { // files may belong to root or to an earlier account: hand them all over
                    account.ownRecursively(directory);
                }
                int chosenPort = port != 0 ? port : freePort();
                cluster.start(chosenPort, settings);
                return new EmbeddedPostgres(cluster, chosenPort, password, false);
            } catch (IOException e) {
                throw new IllegalStateException("Could not start embedded PostgreSQL in " + directory + ": " + e, e);
            }
        }

        /** Missing parents are created 0755 as root, so the server account can pass through them. */
        private void createParentDirectories(boolean asRoot) throws IOException {
            List<Path> missing = new ArrayList<>();
            for (Path p = directory.getParent(); !Files.exists(p); p = p.getParent()) {
                missing.add(0, p);
            }
            for (Path p : missing) {
                Files.createDirectories(p);
                if (asRoot) {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
                }
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
