package com.practicescheduler.benchmark;

import com.practicescheduler.embeddedpostgres.EmbeddedPostgres;
import com.practicescheduler.platform.security.DevelopmentKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One command: starts PostgreSQL and the standalone system (or uses a running one), measures two baselines on that
 * PostgreSQL (its raw commit rate and the plain booking, one INSERT under an exclusion constraint), seeds a practice
 * and its history, drives load over HTTP with signed tokens, queries at the seeded size, rebuilds every projection,
 * and writes {@code result.json} and {@code result.md}.
 */
public final class Benchmark {

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        Options options = Options.parse(args);
        Files.createDirectories(options.out());
        // PostgreSQL runs as an unprivileged account when this runs as root: it must be able to enter the directory
        Path work = Files.createTempDirectory("practice-scheduler-benchmark",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Results results = new Results(Machine.describe(), options, Instant.now());
        EmbeddedPostgres postgres = null;
        Process app = null;
        try {
            String base;
            Path keysDir;
            String url = options.jdbcUrl();
            String user = options.jdbcUser();
            String password = options.jdbcPassword();
            if (options.baseUrl() == null) {
                if (options.coldStart()) {
                    results.coldStartSeconds = Launcher.coldStart(options.jar(), work.resolve("cold"));
                    log("cold start (README command 1, fresh data dir, initdb included): %.1f s",
                            results.coldStartSeconds);
                }
                // sized for this machine as a database server would be (PostgreSQL's defaults assume 128 MB), so
                // the millions of seeded rows are read from memory; durability settings stay the defaults
                postgres = EmbeddedPostgres.builder(work.resolve("postgres"))
                        .serverSetting("shared_buffers", "2GB")
                        .serverSetting("effective_cache_size", "8GB")
                        .serverSetting("maintenance_work_mem", "512MB")
                        .serverSetting("max_wal_size", "8GB")
                        .start();
                postgres.createDatabaseIfMissing("practice");
                url = postgres.jdbcUrl("practice");
                user = postgres.username();
                password = postgres.password();
            }
            if (url != null) {
                results.baselineCommitsPerSecond = Baseline.commitsPerSecond(url, user, password,
                        options.baselineSeconds());
                log("baseline: %.0f single-row commits/s from %d clients", results.baselineCommitsPerSecond,
                        Baseline.CLIENTS);
                plainBooking(results, options, url, user, password);
            }
            if (options.baseUrl() == null) {
                int port = Launcher.freePort();
                Path dataDir = work.resolve("app");
                long launched = System.nanoTime();
                app = Launcher.start(options.jar(), dataDir, port, options.appJavaOptions(), List.of(
                        "--practice-scheduler.postgres.embedded=false", "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + user, "--spring.datasource.password=" + password));
                base = "http://localhost:" + port;
                Launcher.awaitReady(base, app, 120);
                results.startSeconds = (System.nanoTime() - launched) / 1e9;
                log("start to ready on a running PostgreSQL: %.1f s", results.startSeconds);
                keysDir = dataDir.resolve("keys");
            } else {
                base = options.baseUrl();
                keysDir = options.keys();
            }
            Http http = new Http(base);
            DevelopmentKeys keys = DevelopmentKeys.loadOrCreate(keysDir);

            long seeding = System.nanoTime();
            Practice practice = Practice.seed(http, keys, options.providers(), options.patients(), options.clients());
            results.seedSeconds = (System.nanoTime() - seeding) / 1e9;
            log("seeded %d providers, %d services, %d patients over HTTP in %.1f s", options.providers(),
                    practice.serviceIds().size(), options.patients(), results.seedSeconds);
            Load load = new Load(http, practice);
            Instant historyWritten = null;
            if (url != null && options.history() > 0) {
                String appointmentType = appointmentType(load, url, user, password);
                History.Written history = History.write(url, user, password, practice, options.history(),
                        appointmentType);
                historyWritten = Instant.now();
                double projected = Load.awaitCaughtUp(http, practice.admin(), 3600);
                results.history = Map.of("appointments", history.appointments(), "events", history.events(),
                        "firstDay", history.firstDay().toString(), "lastDay", history.lastDay().toString(),
                        "writeSeconds", round(history.seconds()), "catchUpSeconds", round(projected),
                        "catchUpEventsPerSecond", Math.round(history.events() / projected));
                log("history: %d appointments (%d events, %s to %s) written in %.1f s, projected in %.1f s",
                        history.appointments(), history.events(), history.firstDay(), history.lastDay(),
                        history.seconds(), projected);
            }
            results.eventsInStore = count(url, user, password, "domain_event_entry");
            AuditFiller.Filled filled = null;
            if (url != null && options.auditEntries() > 0) {
                filled = AuditFiller.fill(http, keys, url, user, password, options.auditEntries(),
                        options.patients());
                results.auditFill = Map.of("practiceId", filled.practiceId(), "entries", filled.entries(),
                        "patients", filled.patientIds().size(), "seconds", round(filled.seconds()));
                log("audit: %d entries of a second practice written into the audit read model in %.1f s",
                        filled.entries(), filled.seconds());
            }

            Cpu cpu = new Cpu(app == null ? null : app.pid(), url == null ? null : Cpu.postmasterOf(url, user,
                    password));
            if (historyWritten != null) {
                results.scheduleSnapshots = ScheduleSnapshots.afterHistory(url, user, password,
                        practice.providerIds(), historyWritten, cpu);
                log("providers' schedules after the history, snapshotted in the background: %s",
                        results.scheduleSnapshots);
            }
            Phase first = load.firstBookingPerProvider();
            results.phases.add(first);
            log("first booking of each provider after the history: %s", first.latencies().get("book"));
            Phase bookings = load.bookings(options.clients(), options.warmupSeconds(), options.measureSeconds(),
                    cpu);
            results.phases.add(bookings);
            log("bookings only, %d clients: %.1f bookings/s, %d conflicts, %d errors; CPU per booking %s",
                    options.clients(), bookings.bookingsPerSecond(), bookings.conflicts(), bookings.errors(),
                    bookings.cpu());
            settle(http, practice, cpu);
            Phase paced = OpenLoop.paced(load, Math.max(1, bookings.bookingsPerSecond() / 2),
                    options.pacedSeconds());
            results.phases.add(paced);
            log("bookings at half that rate, open loop: p99 %s ms from the intended start, lag p99 %s ms",
                    paced.latencies().get("book").p99Ms(), paced.lag().p99Ms());
            settle(http, practice, cpu);
            Phase mixed = load.mixed(options.clients(), options.warmupSeconds(), options.measureSeconds());
            results.phases.add(mixed);
            log("mixed load, %d clients: %.1f bookings/s, %d conflicts, %d errors", options.clients(),
                    mixed.bookingsPerSecond(), mixed.conflicts(), mixed.errors());
            settle(http, practice, cpu);

            results.queries = Queries.measure(http, load.requests(), filled);
            log("queries: %s", results.queries);
            results.auditEntries = count(url, user, password, "audit_entry");

            if (options.rebuild()) {
                results.rebuild = Rebuild.all(http, practice.admin());
                log("rebuild: %s", results.rebuild);
            }
        } finally {
            results.finishedAt = Instant.now();
            results.write(options.out());
            log("results: %s and %s", options.out().resolve("result.json"), options.out().resolve("result.md"));
            if (app != null) {
                Launcher.stop(app);
            }
            if (postgres != null) {
                postgres.close();
            }
            Launcher.removeAllButLogs(work);
            log("logs of the application and PostgreSQL kept in %s (their data deleted)", work);
        }
    }

    /**
     * Between phases: the projections caught up and the application quiet, so that one phase's leftovers (such as
     * requests an overloaded open loop gave up on) do not run in the next.
     */
    private static void settle(Http http, Practice practice, Cpu cpu) throws InterruptedException {
        Load.awaitCaughtUp(http, practice.admin(), 600);
        Double waited = cpu.awaitQuietApplication(0.25, 120);
        if (waited != null && waited > 2) {
            log("waited %.1f s for the application to be quiet (under 0.25 cores)", waited);
        }
    }

    /** The second baseline; when btree_gist cannot be created there, the run goes on without it and says why. */
    private static void plainBooking(Results results, Options options, String url, String user, String password)
            throws Exception {
        try {
            results.plainBooking = PlainBooking.run(url, user, password, options.plainClients(), options.providers(),
                    options.baselineSeconds());
            log("plain booking: %.0f bookings/s from %d clients, %d deliberate conflicts refused (23P01),"
                            + " %d unexpected, %d overlapping pairs", results.plainBooking.bookingsPerSecond(),
                    options.plainClients(), results.plainBooking.conflicts(), results.plainBooking.unexpected(),
                    results.plainBooking.overlappingPairs());
        } catch (SQLException e) {
            results.plainBookingNotMeasured = e.getMessage() + " (SQLState " + e.getSQLState() + ")";
            log("plain booking not measured: %s", results.plainBookingNotMeasured);
        }
    }

    /**
     * The aggregate type the application stores appointments under, read from one booked over HTTP. Its slot comes
     * from the load's ledger, like every other booking's: a slot of its own choosing (it was 16:00 of a weekday 175
     * days ahead) was met by the fresh bookings of a long warm-up, which it refused as taken.
     */
    private static String appointmentType(Load load, String url, String user, String password) throws Exception {
        String id = Http.expect(load.requests().book(load.slots().fresh()), 201, "probe booking").json().path("id")
                .asText();
        try (Connection connection = DriverManager.getConnection(url, user, password);
             var query = connection.prepareStatement(
                     "select type from domain_event_entry where aggregate_identifier = ? limit 1")) {
            query.setString(1, id);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private static Long count(String url, String user, String password, String table) throws Exception {
        if (url == null) {
            return null;
        }
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    static void log(String format, Object... args) {
        System.out.printf("[benchmark] " + format + "%n", args);
    }
}
