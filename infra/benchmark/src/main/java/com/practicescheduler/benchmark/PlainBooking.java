package com.practicescheduler.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The second baseline, "the plain booking": the same booking as one SQL {@code INSERT} into a table whose
 * exclusion constraint (btree_gist) refuses two overlapping bookings of a provider, each its own committed
 * transaction, from as many clients as the bookings-only phase, on the same PostgreSQL. Each client books
 * half-hour slots no one else books, and one request in ten is a deliberate conflict (a slot it booked itself
 * before) that must fail with an exclusion violation, SQLState 23P01. At the end a query checks that no two rows
 * of a provider overlap. It lives in a schema of its own, dropped afterwards (btree_gist with it, unless the
 * database had it already), so the application never sees it.
 */
final class PlainBooking {

    static final String SCHEMA = "benchmark_plain_booking";
    private static final String EXCLUSION_VIOLATION = "23P01";
    private static final Duration SLOT = Duration.ofMinutes(30);
    private static final Instant FIRST_SLOT = Instant.parse("2031-01-06T14:00:00Z");

    /** What it measured; {@code unexpected} counts conflicts that did not fail with 23P01 and other failures. */
    record Result(String method, int clients, double seconds, long bookings, double bookingsPerSecond,
                  long conflicts, long unexpected, long overlappingPairs, Latencies.Stats book,
                  Latencies.Stats conflict) {
    }

    private PlainBooking() {
    }

    static Result run(String url, String user, String password, int clients, int providers, int seconds)
            throws Exception {
        try {
            try (Connection setup = DriverManager.getConnection(url, user, password);
                 Statement statement = setup.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
                statement.execute("create schema " + SCHEMA);
                // in the schema, so that dropping the schema drops it too; a no-op where the database has it already
                statement.execute("create extension if not exists btree_gist with schema " + SCHEMA);
                statement.execute("create table " + SCHEMA + ".plain_booking (id uuid primary key,"
                        + " provider_id text not null, patient_id text not null, during tstzrange not null,"
                        + " exclude using gist (provider_id with =, during with &&))");
            }
            return measure(url, user, password, clients, providers, seconds);
        } finally {
            try (Connection cleanup = DriverManager.getConnection(url, user, password);
                 Statement statement = cleanup.createStatement()) {
                statement.execute("drop schema if exists " + SCHEMA + " cascade");
            }
        }
    }

    private static Result measure(String url, String user, String password, int clients, int providers,
                                  int seconds) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(true);
        AtomicLong nextSlot = new AtomicLong();
        AtomicLong bookings = new AtomicLong();
        AtomicLong conflicts = new AtomicLong();
        AtomicLong unexpected = new AtomicLong();
        Latencies book = new Latencies();
        Latencies conflict = new Latencies();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Thread thread = new Thread(() -> {
                List<Long> mine = new ArrayList<>();
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = connection.prepareStatement("insert into " + SCHEMA
                             + ".plain_booking (id, provider_id, patient_id, during) values (?, ?, ?,"
                             + " tstzrange(?, ?))")) {
                    connection.setAutoCommit(true);
                    while (running.get()) {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        boolean deliberate = !mine.isEmpty() && random.nextInt(10) == 0;
                        long slot = deliberate ? mine.get(random.nextInt(mine.size())) : nextSlot.getAndIncrement();
                        Instant start = FIRST_SLOT.plus(SLOT.multipliedBy(slot / providers));
                        insert.setObject(1, UUID.randomUUID());
                        insert.setString(2, "provider-" + slot % providers);
                        insert.setString(3, "patient-" + random.nextInt(5000));
                        insert.setObject(4, OffsetDateTime.ofInstant(start, ZoneOffset.UTC));
                        insert.setObject(5, OffsetDateTime.ofInstant(start.plus(SLOT), ZoneOffset.UTC));
                        long sent = System.nanoTime();
                        try {
                            insert.executeUpdate();
                            if (deliberate) {
                                unexpected.incrementAndGet(); // a double booking: the check below finds it too
                            } else if (measuring.get()) {
                                book.record(System.nanoTime() - sent);
                                bookings.incrementAndGet();
                            }
                            mine.add(slot);
                        } catch (SQLException e) {
                            if (!deliberate || !EXCLUSION_VIOLATION.equals(e.getSQLState())) {
                                throw e;
                            }
                            if (measuring.get()) {
                                conflict.record(System.nanoTime() - sent);
                                conflicts.incrementAndGet();
                            }
                        }
                    }
                } catch (SQLException e) {
                    unexpected.incrementAndGet();
                    Benchmark.log("plain booking client failed: %s (SQLState %s)", e.getMessage(), e.getSQLState());
                }
            }, "plain-booking-" + c);
            thread.start();
            threads.add(thread);
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        measuring.set(false);
        double elapsed = (System.nanoTime() - started) / 1e9;
        long booked = bookings.get();
        long refused = conflicts.get();
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result("one INSERT under an exclusion constraint (btree_gist)", clients, Benchmark.round(elapsed),
                booked, booked / elapsed, refused, unexpected.get(), overlappingPairs(url, user, password),
                book.stats(), conflict.stats());
    }

    /** Pairs of rows of one provider whose times overlap: 0 unless the constraint failed. */
    private static long overlappingPairs(String url, String user, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, user, password);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select count(*) from " + SCHEMA + ".plain_booking a join "
                     + SCHEMA + ".plain_booking b on a.provider_id = b.provider_id and a.id < b.id"
                     + " and a.during && b.during")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
