package com.practicescheduler.query.readmodel;

import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Several reads of the read models answered from one moment: one read-only, repeatable-read transaction.
 *
 * <p>Each statement outside a transaction sees the read models as they are when it runs, so an answer made of
 * several reads can mix two moments when a processor's batch commits between them. Where one read decides what the
 * others mean, that is a wrong answer, not a late one: a practice's time zone decides which instants its providers'
 * working hours are, so a slot search that read the zone before the practice's settings were projected and the
 * providers after offered slots at 09:00 UTC for a practice in New York. Answers that only render instants in the
 * zone need no such care.
 */
@Component
public class OneMoment {

    private final TransactionTemplate transactions;

    public OneMoment(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setReadOnly(true);
        this.transactions.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    }

    /** What {@code reads} return, all of their statements seeing the read models as of one moment. */
    public <T> T read(Supplier<T> reads) {
        return transactions.execute(status -> reads.get());
    }
}
