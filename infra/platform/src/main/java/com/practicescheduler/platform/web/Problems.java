package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Rejection;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds problem responses of the REST contract: {@code type} is {@code /problems/<slug>}. */
public final class Problems {

    private static final String TYPE_PREFIX = "/problems/";

    private Problems() {
    }

    private static ProblemDetail of(int status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatusCode.valueOf(status), detail);
        problem.setType(URI.create(TYPE_PREFIX + slug));
        problem.setTitle(title);
        return problem;
    }

    /**
     * The problem of a refusal: its code's status, slug and title, {@code appointmentIds} or {@code conflicts} when
     * it names any.
     */
    public static ProblemDetail of(Rejection rejection) {
        ProblemDetail problem = of(rejection.code().status(), rejection.code().slug(),
                title(rejection.code().slug()), rejection.detail());
        if (rejection.code() == ErrorCode.VALIDATION_FAILED) {
            problem.setProperty("errors", List.of());
        }
        if (!rejection.appointmentIds().isEmpty()) {
            problem.setProperty("appointmentIds", rejection.appointmentIds());
        }
        if (!rejection.conflicts().isEmpty()) {
            problem.setProperty("conflicts", rejection.conflicts());
        }
        return problem;
    }

    public static ProblemDetail validationFailed(String detail, List<FieldError> errors) {
        ProblemDetail problem = of(400, detail);
        problem.setProperty("errors", errors);
        return problem;
    }

    /**
     * The problem of a refusal that carries nothing but its status and {@code detail} (a denial, an outage, a limit):
     * the slug of {@link #slug(int)}, and for a 400 the {@code errors} list the contract promises (empty: no field is
     * to blame).
     */
    public static ProblemDetail of(int status, String detail) {
        String slug = slug(status);
        ProblemDetail problem = of(status, slug, title(slug), detail);
        if (status == 400) {
            problem.setProperty("errors", List.of());
        }
        return problem;
    }

    /**
     * The problem of a refusal that carries nothing but its status, made by the framework or the container:
     * {@code detail} for a 4xx and nothing of the failure for a 5xx.
     */
    static ProblemDetail ofStatus(int status, String detail) {
        return of(status, status >= 500 ? "Unexpected error" : detail);
    }

    /** Whether {@code problem} is already one of the contract's, {@code type} {@code /problems/<slug>}. */
    static boolean isContract(ProblemDetail problem) {
        return problem.getType().toString().startsWith(TYPE_PREFIX);
    }

    /** The contract's slug for a refusal that carries nothing but its status (the framework's, the container's). */
    public static String slug(int status) {
        return switch (status) {
            case 400 -> ErrorCode.VALIDATION_FAILED.slug();
            case 401 -> "unauthenticated";
            case 403 -> ErrorCode.FORBIDDEN.slug();
            case 404 -> ErrorCode.NOT_FOUND.slug();
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            case 429 -> "too-many-requests";
            case 503 -> "service-unavailable";
            default -> status >= 500 ? "internal-error" : "bad-request";
        };
    }

    /** "slot-unavailable" → "Slot unavailable". */
    public static String title(String slug) {
        String words = slug.replace('-', ' ');
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Writes a problem outside Spring MVC (security filters, the body-size filter). */
    public static void write(HttpServletResponse response, ObjectMapper mapper, ProblemDetail problem)
            throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        mapper.writeValue(response.getOutputStream(), problem);
    }
}
