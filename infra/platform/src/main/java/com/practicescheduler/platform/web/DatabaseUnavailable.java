package com.practicescheduler.platform.web;

import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Whether a failure means PostgreSQL could not be reached, wherever it is wrapped (by the command bus, by HAPI FHIR):
 * such a request is answered {@code 503 service-unavailable}, to be tried again, never {@code 500}. The REST
 * problems ({@code ProblemAdvice}) and FHIR's outcomes ({@code FhirErrors}) both ask here.
 */
public final class DatabaseUnavailable {

    /** What the answer says. */
    public static final String DETAIL = "The database is unavailable; try again shortly";

    private DatabaseUnavailable() {
    }

    public static boolean causedIt(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }
}
