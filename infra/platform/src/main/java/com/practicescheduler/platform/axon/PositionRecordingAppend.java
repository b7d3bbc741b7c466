package com.practicescheduler.platform.axon;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.Serializer;

/**
 * Axon's own append of events to the JDBC store, which also reads back the global index PostgreSQL gave each row
 * ({@code RETURNING global_index}, in the same round trip) and notes the highest for the thread that appended
 * ({@link EventPositions#appendedInThisThread()}): a command's answer then waits for the read models to reach its
 * own events, not the store's head, and needs no query for the head.
 *
 * <p>Several events (a booking appends three) go as one multi-row {@code insert}, not as a JDBC batch of one
 * statement per event: pgjdbc's {@code reWriteBatchedInserts} does that for other inserts but not for one that
 * returns keys. Axon still sets every value (its statement's parameters are recorded and set again, row after row,
 * on the multi-row one), so what is stored is exactly what Axon would store; one event, or more than
 * {@value #MOST_ROWS_AT_ONCE}, goes as Axon's batch.
 *
 * <p>The append also checks the unit of work's {@link AppendGuards}: in the multi-row insert itself, so in the same
 * round trip (before a batch, in a query per guard).
 */
final class PositionRecordingAppend implements AppendEventsStatementBuilder {

    /** Rows of one multi-row insert: well under PostgreSQL's 65,535 parameters a statement (9 an event). */
    static final int MOST_ROWS_AT_ONCE = 1000;

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        String[] returned = {schema.globalIndexColumn()};
        List<AppendGuards.Guard> guards = AppendGuards.take();
        Connection returningKeys = proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                PreparedStatement statement = target.prepareStatement((String) args[0], returned);
                if (events.size() < 2 || events.size() > MOST_ROWS_AT_ONCE) {
                    return proxy(PreparedStatement.class, statement, (batch, call, callArgs) -> {
                        if (call.getName().equals("executeBatch")) {
                            check(target, schema, guards);
                        }
                        return executeBatch(batch, call, callArgs);
                    });
                }
                return proxy(PreparedStatement.class, statement, new Rows(target, schema, returned, guards));
            }
            return method.invoke(target, args);
        });
        return JdbcEventStorageEngineStatements.appendEvents(returningKeys, schema, dataType, events, serializer,
                timestampWriter);
    }

    /**
     * Records the values Axon sets on its one-row statement, a row at each {@code addBatch}, and on
     * {@code executeBatch} sends them all as one multi-row insert. Every other call goes to Axon's statement.
     */
    private static final class Rows implements Call<PreparedStatement> {

        private final Connection connection;
        private final EventSchema schema;
        private final String[] returned;
        private final List<AppendGuards.Guard> guards;
        private final List<List<Setting>> rows = new ArrayList<>();
        private List<Setting> row = new ArrayList<>();

        private record Setting(Method setter, Object[] args) {
        }

        Rows(Connection connection, EventSchema schema, String[] returned, List<AppendGuards.Guard> guards) {
            this.connection = connection;
            this.schema = schema;
            this.returned = returned;
            this.guards = guards;
        }

        @Override
        public Object invoke(PreparedStatement statement, Method method, Object[] args) throws Exception {
            String name = method.getName();
            if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
                row.add(new Setting(method, args.clone()));
                return null;
            }
            if (name.equals("addBatch") && (args == null || args.length == 0)) {
                rows.add(row);
                row = new ArrayList<>();
                return null;
            }
            if (name.equals("executeBatch")) {
                return insertAll();
            }
            return method.invoke(statement, args);
        }

        private int[] insertAll() throws Exception {
            int columns = schema.domainEventFields().split(",").length;
            String values = "(" + String.join(", ", Collections.nCopies(columns, "?")) + ")";
            String rowsSql = String.join(", ", Collections.nCopies(rows.size(), values));
            String sql = "insert into " + schema.domainEventTable() + " (" + schema.domainEventFields() + ") "
                    + (guards.isEmpty() ? "values " + rowsSql
                    : "select * from (values " + rowsSql + ") as appended where " + String.join(" and ",
                    Collections.nCopies(guards.size(), "not exists (" + moved(schema) + ")")));
            long highest = -1;
            try (PreparedStatement insert = connection.prepareStatement(sql, returned)) {
                for (int i = 0; i < rows.size(); i++) {
                    for (Setting setting : rows.get(i)) {
                        Object[] args = setting.args().clone();
                        args[0] = (Integer) args[0] + i * columns;
                        setting.setter().invoke(insert, args);
                    }
                }
                int parameter = rows.size() * columns;
                for (AppendGuards.Guard guard : guards) {
                    insert.setString(++parameter, guard.streamId());
                    insert.setLong(++parameter, guard.lastSequence());
                }
                if (insert.executeUpdate() == 0) {
                    throw movedSince(guards);
                }
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    while (keys.next()) {
                        highest = Math.max(highest, keys.getLong(1));
                    }
                }
            }
            EventPositions.appended(highest);
            int[] counts = new int[rows.size()];
            Arrays.fill(counts, 1);
            return counts;
        }
    }

    /** A guarded stream's events past the number the command saw: one row, or none while the guard holds. */
    private static String moved(EventSchema schema) {
        return "select 1 from " + schema.domainEventTable() + " where " + schema.aggregateIdentifierColumn()
                + " = ? and " + schema.sequenceNumberColumn() + " > ?";
    }

    /** For an append that goes as Axon's batch: the guards checked in a query of their own, before it. */
    private static void check(Connection connection, EventSchema schema, List<AppendGuards.Guard> guards)
            throws SQLException {
        for (AppendGuards.Guard guard : guards) {
            try (PreparedStatement query = connection.prepareStatement(moved(schema) + " limit 1")) {
                query.setString(1, guard.streamId());
                query.setLong(2, guard.lastSequence());
                try (ResultSet found = query.executeQuery()) {
                    if (found.next()) {
                        throw movedSince(guards);
                    }
                }
            }
        }
    }

    /** Drops what the command decided on and reports a lost race, which its sender retries on fresh state. */
    private static SQLException movedSince(List<AppendGuards.Guard> guards) {
        guards.forEach(guard -> guard.whenMoved().run());
        return new SQLException("A stream this command decided on without reading it has changed since", "23505");
    }

    private static Object executeBatch(PreparedStatement statement, Method method, Object[] args) throws Exception {
        Object result;
        try {
            result = method.invoke(statement, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof AssertionError assertion && fromTheDriver(assertion)) {
                // with assertions on (the tests), pgjdbc asserts while it reports a batch whose connection broke
                // (BatchResultHandler asks the closed connection for its auto-commit), where it otherwise throws:
                // either way the connection was lost, which callers answer with 503
                throw new SQLTransientConnectionException("The connection broke during the append", "08006",
                        e.getCause());
            }
            throw e;
        }
        if (method.getName().equals("executeBatch")) {
            long highest = -1;
            try (ResultSet keys = statement.getGeneratedKeys()) {
                while (keys.next()) {
                    highest = Math.max(highest, keys.getLong(1));
                }
            }
            EventPositions.appended(highest);
        }
        return result;
    }

    private static boolean fromTheDriver(AssertionError assertion) {
        StackTraceElement[] trace = assertion.getStackTrace();
        return trace.length > 0 && trace[0].getClassName().startsWith("org.postgresql.");
    }

    private interface Call<T> {
        Object invoke(T target, Method method, Object[] args) throws Exception;
    }

    private static <T> T proxy(Class<T> type, T target, Call<T> call) {
        InvocationHandler handler = (self, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
