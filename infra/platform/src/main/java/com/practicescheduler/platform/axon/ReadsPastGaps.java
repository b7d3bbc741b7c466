package com.practicescheduler.platform.axon;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collections;
import java.util.List;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;

/**
 * A tracking read of the JDBC event store as one query that finds the next events however far ahead they lie: the
 * first {@code batchSize} events past the token's index ({@code order by} the global index, {@code limit}), with the
 * token's gaps read beside them by their own indexed lookup ({@code union all}).
 *
 * <p>Axon's own read asks for the window of {@code batchSize} indexes past the token instead, which is empty when
 * more indexes than that in a row belong to no event (rolled-back appends leave such gaps: a sequence value is never
 * given back). To get past such a gap it looks for the next index in a second query after every empty read
 * ({@code extendedGapCheckEnabled}): at the head of the stream nearly every poll of a processor is empty, so under the
 * bookings-only load that second query ran 0.57 times per booking. With this read it is off.
 */
final class ReadsPastGaps {

    private ReadsPastGaps() {
    }

    /** The first {@code batchSize} events past {@code globalIndex}. */
    static PreparedStatement withoutGaps(Connection connection, EventSchema schema, long globalIndex, int batchSize)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(next(schema));
        statement.setLong(1, globalIndex);
        statement.setInt(2, batchSize);
        return statement;
    }

    /** The events of the token's gaps that have appeared since, and the first {@code batchSize} past its index. */
    static PreparedStatement withGaps(Connection connection, EventSchema schema, long globalIndex, int batchSize,
                                      List<Long> gaps) throws SQLException {
        String sql = "select * from ((select " + schema.trackedEventFields() + " from " + schema.domainEventTable()
                + " where " + schema.globalIndexColumn() + " in (" + String.join(", ", Collections.nCopies(gaps.size(),
                "?")) + ")) union all (" + next(schema) + ")) as events order by " + schema.globalIndexColumn()
                + " asc";
        PreparedStatement statement = connection.prepareStatement(sql);
        int parameter = 0;
        for (Long gap : gaps) {
            statement.setLong(++parameter, gap);
        }
        statement.setLong(++parameter, globalIndex);
        statement.setInt(++parameter, batchSize);
        return statement;
    }

    private static String next(EventSchema schema) {
        return "select " + schema.trackedEventFields() + " from " + schema.domainEventTable() + " where "
                + schema.globalIndexColumn() + " > ? order by " + schema.globalIndexColumn() + " asc limit ?";
    }
}
