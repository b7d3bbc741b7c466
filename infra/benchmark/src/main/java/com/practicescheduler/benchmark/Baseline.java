package com.practicescheduler.benchmark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The machine's physical limit for durable writes: single-row inserts, each its own committed transaction, from
 * eight clients into the same PostgreSQL the system uses (what {@code pgbench} would do with a one-row script).
 */
final class Baseline {

    static final int CLIENTS = 8;

    private Baseline() {
    }

    /** Committed single-row inserts per second over {@code seconds}. */
    static double commitsPerSecond(String url, String user, String password, int seconds) throws Exception {
        try (Connection setup = DriverManager.getConnection(url, user, password);
             Statement statement = setup.createStatement()) {
            statement.execute("create table if not exists benchmark_commit (id bigserial primary key,"
                    + " client int not null, written_at timestamptz not null default now(), payload text not null)");
            statement.execute("truncate benchmark_commit");
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong commits = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                try (Connection connection = DriverManager.getConnection(url, user, password);
                     PreparedStatement insert = connection.prepareStatement(
                             "insert into benchmark_commit (client, payload) values (?, ?)")) {
                    connection.setAutoCommit(true);
                    while (running.get()) {
                        insert.setInt(1, client);
                        insert.setString(2, "one small durable row, like an event");
                        insert.executeUpdate();
                        commits.incrementAndGet();
                    }
                } catch (SQLException e) {
                    throw new IllegalStateException("baseline client failed", e);
                }
            }, "baseline-" + client);
            thread.start();
            clients.add(thread);
        }
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        running.set(false);
        long count = commits.get();
        double elapsed = (System.nanoTime() - started) / 1e9;
        for (Thread client : clients) {
            client.join();
        }
        try (Connection cleanup = DriverManager.getConnection(url, user, password);
             Statement statement = cleanup.createStatement()) {
            statement.execute("drop table benchmark_commit");
        }
        return count / elapsed;
    }
}
