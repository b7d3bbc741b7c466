package com.practicescheduler.platform.fhir;

import ca.uhn.fhir.context.FhirContext;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Refusals as FHIR {@code OperationOutcome}s: one issue, {@code severity} error, the FHIR issue type of the status,
 * and the REST contract's problem slug as {@code details.coding} ({@value #PROBLEM_SYSTEM}), so a client tells
 * {@code slot-unavailable} from {@code outside-working-hours} as it does on {@code /api/v1}.
 */
public final class FhirOutcomes {

    /** The code system of the problem slugs ({@code validation-failed}, {@code slot-unavailable}, ...). */
    public static final String PROBLEM_SYSTEM = "urn:practice-scheduler:problem";
    public static final String CONTENT_TYPE = "application/fhir+json;charset=utf-8";

    private FhirOutcomes() {
    }

    public static OperationOutcome of(String slug, int status, String diagnostics) {
        OperationOutcome outcome = new OperationOutcome();
        outcome.addIssue()
                .setSeverity(OperationOutcome.IssueSeverity.ERROR)
                .setCode(issueType(status))
                .setDetails(new CodeableConcept(new Coding(PROBLEM_SYSTEM, slug, null)).setText(slug))
                .setDiagnostics(diagnostics);
        return outcome;
    }

    /** Writes the outcome as the whole answer: for refusals made before HAPI runs (authentication, roles). */
    public static void write(HttpServletResponse response, String slug, int status, String diagnostics)
            throws IOException {
        response.setStatus(status);
        response.setContentType(CONTENT_TYPE);
        byte[] body = FhirContext.forR4Cached().newJsonParser().encodeResourceToString(of(slug, status, diagnostics))
                .getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** Whether a request is one for the FHIR servlet. */
    public static boolean isFhir(jakarta.servlet.http.HttpServletRequest request) {
        String uri = request.getRequestURI();
        return uri != null && (uri.equals(FhirConfiguration.PATH) || uri.startsWith(FhirConfiguration.PATH + "/"));
    }

    static OperationOutcome.IssueType issueType(int status) {
        return switch (status) {
            case 400 -> OperationOutcome.IssueType.INVALID;
            case 401 -> OperationOutcome.IssueType.LOGIN;
            case 403 -> OperationOutcome.IssueType.FORBIDDEN;
            case 404, 410 -> OperationOutcome.IssueType.NOTFOUND;
            case 409 -> OperationOutcome.IssueType.CONFLICT;
            case 413 -> OperationOutcome.IssueType.TOOLONG;
            case 422 -> OperationOutcome.IssueType.BUSINESSRULE;
            case 429 -> OperationOutcome.IssueType.THROTTLED;
            default -> status >= 500 ? OperationOutcome.IssueType.EXCEPTION : OperationOutcome.IssueType.PROCESSING;
        };
    }
}
