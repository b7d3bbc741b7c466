package com.practicescheduler.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.TimestampWriter;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;

/**
 * How the JDBC event store appends a snapshot: Axon's insert, except that a snapshot at the sequence number of one of
 * another revision replaces it. After an aggregate's snapshot revision changes, the first snapshot of the new revision
 * of a stream that has not grown since its old snapshot has that snapshot's sequence number: Axon's plain insert
 * failed on the primary key (and ignored it), so the old snapshot, which every load skips, stayed and every load read
 * the whole stream until the next event. A snapshot of the same revision at the same sequence number is the same
 * state: it is left as it is, as before.
 */
final class SnapshotReplacingOtherRevision {

    private SnapshotReplacingOtherRevision() {
    }

    static PreparedStatement appendSnapshot(Connection connection, EventSchema schema, Class<?> dataType,
                                            DomainEventMessage<?> snapshot, Serializer serializer,
                                            TimestampWriter timestampWriter) throws SQLException {
        String table = schema.snapshotTable();
        String sql = "insert into " + table + " (" + schema.domainEventFields() + ") values (?,?,?,?,?,?,?,?,?)"
                + " on conflict (" + schema.aggregateIdentifierColumn() + ", " + schema.sequenceNumberColumn()
                + ") do update set " + replace(schema.eventIdentifierColumn(), schema.typeColumn(),
                schema.timestampColumn(), schema.payloadTypeColumn(), schema.payloadRevisionColumn(),
                schema.payloadColumn(), schema.metaDataColumn())
                + " where " + table + "." + schema.payloadRevisionColumn() + " is distinct from excluded."
                + schema.payloadRevisionColumn();
        PreparedStatement statement = connection.prepareStatement(sql);
        SerializedObject<?> payload = snapshot.serializePayload(serializer, dataType);
        SerializedObject<?> metaData = snapshot.serializeMetaData(serializer, dataType);
        // the columns in the order of EventSchema.domainEventFields(), as Axon's own insert sets them
        statement.setString(1, snapshot.getIdentifier());
        statement.setString(2, snapshot.getAggregateIdentifier());
        statement.setLong(3, snapshot.getSequenceNumber());
        statement.setString(4, snapshot.getType());
        timestampWriter.writeTimestamp(statement, 5, snapshot.getTimestamp());
        statement.setString(6, payload.getType().getName());
        statement.setString(7, payload.getType().getRevision());
        statement.setObject(8, payload.getData());
        statement.setObject(9, metaData.getData());
        return statement;
    }

    private static String replace(String... columns) {
        StringBuilder set = new StringBuilder();
        for (String column : columns) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = excluded.").append(column);
        }
        return set.toString();
    }
}
