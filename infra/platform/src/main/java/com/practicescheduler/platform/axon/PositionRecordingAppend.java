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
 */
final class PositionRecordingAppend implements AppendEventsStatementBuilder {

    @Override
    public PreparedStatement build(Connection connection, EventSchema schema, Class<?> dataType,
                                   List<? extends EventMessage<?>> events, Serializer serializer,
                                   TimestampWriter timestampWriter) throws SQLException {
        Connection returningKeys = proxy(Connection.class, connection, (target, method, args) -> {
            if (method.getName().equals("prepareStatement") && args != null && args.length == 1) {
                PreparedStatement statement = target.prepareStatement((String) args[0],
                        new String[] {schema.globalIndexColumn()});
                return proxy(PreparedStatement.class, statement, PositionRecordingAppend::executeBatch);
            }
            return method.invoke(target, args);
        });
        return JdbcEventStorageEngineStatements.appendEvents(returningKeys, schema, dataType, events, serializer,
                timestampWriter);
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
