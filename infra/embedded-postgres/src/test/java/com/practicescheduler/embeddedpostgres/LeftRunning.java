package com.practicescheduler.embeddedpostgres;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

/** A JVM that starts a server on the cluster directory it is given, writes a row, says so, and waits to be killed. */
final class LeftRunning {

    static final String READY = "server running";

    private LeftRunning() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgres pg = EmbeddedPostgres.builder(Path.of(args[0])).start();
        pg.createDatabaseIfMissing("practice");
        try (Connection connection = DriverManager.getConnection(pg.jdbcUrl("practice"), pg.username(), pg.password());
             Statement sql = connection.createStatement()) {
            sql.execute("CREATE TABLE note (body text)");
            sql.execute("INSERT INTO note VALUES ('written before the kill')");
        }
        System.out.println(READY);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
