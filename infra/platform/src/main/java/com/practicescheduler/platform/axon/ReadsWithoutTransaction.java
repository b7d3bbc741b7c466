package com.practicescheduler.platform.axon;

import java.util.function.Supplier;
import org.axonframework.common.transaction.Transaction;
import org.axonframework.common.transaction.TransactionManager;

/**
 * The JDBC event store's transactions: its writes (appends, snapshots) as Axon runs them, in the caller's
 * transaction or one of their own; its reads (a processor's next events, an aggregate's stream, a snapshot, a last
 * sequence number, a head or tail) without one of their own. Each read is a single query ({@link ReadsPastGaps} for a
 * processor's), and PostgreSQL at read committed gives each statement its own snapshot
 * whether or not a transaction surrounds it, so the transaction added nothing but its work: under the bookings-only
 * load more than a transaction per booking, with Hibernate's session opened and closed around it. A read inside a
 * transaction (a command loading its aggregate) still joins that transaction, through the connection provider.
 */
final class ReadsWithoutTransaction implements TransactionManager {

    private final TransactionManager transactions;

    ReadsWithoutTransaction(TransactionManager transactions) {
        this.transactions = transactions;
    }

    @Override
    public Transaction startTransaction() {
        return transactions.startTransaction();
    }

    @Override
    public <T> T fetchInTransaction(Supplier<T> read) {
        return read.get();
    }
}
