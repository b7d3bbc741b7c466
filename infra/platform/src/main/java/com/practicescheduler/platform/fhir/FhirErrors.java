package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InternalErrorException;
import ca.uhn.fhir.rest.server.exceptions.UnclassifiedServerFailureException;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.web.DatabaseUnavailable;
import com.practicescheduler.platform.web.PayloadTooLargeException;
import com.practicescheduler.platform.web.Problems;
import com.practicescheduler.platform.web.SafeExceptions;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every failure of a FHIR request becomes an {@code OperationOutcome} with the status the REST API gives the same
 * failure ({@link FhirOutcomes}): a {@link Refusal} its code's status and slug (a {@code forbidden} one audited as
 * a denial, as on {@code /api/v1}), a body over the cap 413, HAPI's own refusals (unparsable JSON, unknown resource
 * type, wrong {@code resourceType}) their status with the matching slug, anything else 500 with nothing of its
 * message (it may quote patient data), logged by class only.
 */
@Interceptor
final class FhirErrors {

    private static final Logger log = LoggerFactory.getLogger(FhirErrors.class);

    private final AuditLog audit;

    FhirErrors(AuditLog audit) {
        this.audit = audit;
    }

    @Hook(Pointcut.SERVER_PRE_PROCESS_OUTGOING_EXCEPTION)
    BaseServerResponseException translate(Throwable thrown, HttpServletRequest request) {
        Refusal refusal = find(thrown, Refusal.class);
        if (refusal != null) {
            if (refusal.code() == ErrorCode.FORBIDDEN) {
                audit.denied(request, refusal.code().slug());
            }
            return failure(refusal.code().status(), refusal.code().slug(), refusal.rejection().detail());
        }
        PayloadTooLargeException tooLarge = find(thrown, PayloadTooLargeException.class);
        if (tooLarge != null) {
            return failure(413, Problems.slug(413), tooLarge.getMessage());
        }
        ca.uhn.fhir.parser.DataFormatException unreadable = find(thrown, ca.uhn.fhir.parser.DataFormatException.class);
        if (unreadable != null) {
            return failure(400, Problems.slug(400), "A value of the request is not valid FHIR: "
                    + unreadable.getMessage());
        }
        if (DatabaseUnavailable.causedIt(thrown)) {
            log.warn("Database unavailable: {}", SafeExceptions.describe(thrown));
            return failure(503, Problems.slug(503), DatabaseUnavailable.DETAIL);
        }
        if (thrown instanceof BaseServerResponseException known && !(thrown instanceof InternalErrorException)) {
            int status = known.getStatusCode();
            return failure(status, Problems.slug(status), status >= 500 ? "Unexpected error" : known.getMessage());
        }
        log.error("Unexpected failure of a FHIR request: {}", SafeExceptions.describe(thrown));
        return failure(500, Problems.slug(500), "Unexpected error");
    }

    /**
     * The CapabilityStatement lists what the providers serve: HAPI adds {@code OperationDefinition} (to describe
     * operations), of which we have none, and XML, which {@link FhirServer} does not speak.
     */
    @Hook(Pointcut.SERVER_CAPABILITY_STATEMENT_GENERATED)
    void onlyWhatIsServed(org.hl7.fhir.instance.model.api.IBaseConformance generated) {
        if (generated instanceof org.hl7.fhir.r4.model.CapabilityStatement statement) {
            statement.getRest().forEach(rest -> {
                rest.getResource().removeIf(resource -> resource.getType().equals("OperationDefinition"));
                rest.getSecurity().setCors(false).setDescription("A bearer JWT (RS256) as on /api/v1: the roles of"
                        + " the token decide each interaction; the token's practice scopes every id");
            });
            // JSON only (FhirServer)
            statement.setFormat(java.util.List.of(new org.hl7.fhir.r4.model.CodeType("application/fhir+json"),
                    new org.hl7.fhir.r4.model.CodeType("json")));
            statement.getPatchFormat().clear();
        }
    }

    private static BaseServerResponseException failure(int status, String slug, String diagnostics) {
        UnclassifiedServerFailureException failure = new UnclassifiedServerFailureException(status, diagnostics);
        failure.setOperationOutcome(FhirOutcomes.of(slug, status, diagnostics));
        return failure;
    }

    private static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
