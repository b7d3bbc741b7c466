package com.practicescheduler.platform.web;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.ConstraintViolationException;
import java.util.List;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The one mapping from failures to problem responses, for both sides. Spring MVC's own exceptions (unknown route,
 * wrong method or media type, missing or mistyped parameter, unreadable or invalid body...) keep the status and
 * headers Spring's {@link ResponseEntityExceptionHandler} gives them and only get the contract's shape
 * ({@link #createResponseEntity}) and, where fields are to blame, their names ({@link BlamedFields}). The handlers here
 * are for what is ours: a {@link Refusal}, denials (audited), outages, the unexpected. Messages of unexpected
 * exceptions never reach the client or the log: they may quote patient data.
 */
@RestControllerAdvice
class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final AuditLog audit;

    ProblemAdvice(AuditLog audit) {
        this.audit = audit;
    }

    @ExceptionHandler(Refusal.class)
    ProblemDetail refused(Refusal e, HttpServletRequest request) {
        if (e.code() == ErrorCode.FORBIDDEN) {
            audit.denied(request, e.code().slug());
        }
        return Problems.of(e.rejection());
    }

    /** Answered as Spring does (with {@code Allow}) but not logged: Spring's line would quote the method sent. */
    @Override
    protected ResponseEntity<Object> handleHttpRequestMethodNotSupported(HttpRequestMethodNotSupportedException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, null, headers, status, request);
    }

    /** Where every Spring MVC exception ends, with the status and headers Spring chose for it. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        HttpServletResponse response = request instanceof ServletWebRequest servlet ? servlet.getResponse() : null;
        if (response != null && response.isCommitted()) {
            // Spring would log the exception with its message, which may quote the request
            log.warn("Response already committed; not answered: {}", SafeExceptions.describe(e));
            return null;
        }
        ProblemDetail problem = BlamedFields.problem(e);
        if (problem != null) {
            return super.handleExceptionInternal(e, problem, headers, HttpStatusCode.valueOf(problem.getStatus()),
                    request);
        }
        if (status.value() == 500) {
            log.error("Unexpected failure: {}", SafeExceptions.describe(e));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    /**
     * Spring's own problem becomes the contract's refusal that carries nothing but its status
     * ({@link Problems#ofStatus}: the slug of the status, Spring's detail for a 4xx, nothing of the failure for a
     * 5xx); a problem of the contract stays as it is.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
                                                          WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail ours && Problems.isContract(ours) ? ours
                : Problems.ofStatus(status.value(), body instanceof ProblemDetail spring ? spring.getDetail() : null);
        return new ResponseEntity<>(problem, headers, status);
    }

    /** Method parameters of a {@code @Validated} controller, checked by Spring's method validation. */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return Problems.validationFailed("The request has invalid fields", errors);
    }

    @ExceptionHandler(QueryParameters.RefusedParameterException.class)
    ProblemDetail refusedParameter(QueryParameters.RefusedParameterException e) {
        return Problems.validationFailed("A query parameter holds characters that are not allowed",
                List.of(e.error()));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e, HttpServletRequest request) {
        audit.denied(request, Problems.slug(403));
        return Problems.of(403, "Your role does not allow this");
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e, HttpServletRequest request) {
        audit.denied(request, Problems.slug(401));
        return Problems.of(401, "A valid bearer token is required");
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ProblemDetail unavailable(Exception e) {
        log.warn("Database unavailable: {}", SafeExceptions.describe(e));
        return Problems.of(503, DatabaseUnavailable.DETAIL);
    }

    /** A header or the path that Spring Security's firewall does not trust, read while handling the request. */
    @ExceptionHandler(RequestRejectedException.class)
    ProblemDetail refusedByFirewall(RequestRejectedException e) {
        log.info("Request refused: a header or the path holds characters that are not allowed");
        return Problems.validationFailed(
                "The request was refused: its path or a header holds characters that are not allowed", List.of());
    }

    @ExceptionHandler(ReadModelsBehindException.class)
    ResponseEntity<ProblemDetail> readModelsBehind(ReadModelsBehindException e) {
        return ResponseEntity.status(503).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Problems.of(503, "The read models have not yet caught up with your change; try again shortly"));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        Refusal refusal = find(e, Refusal.class);
        if (refusal != null) {
            return refused(refusal, request);
        }
        if (DatabaseUnavailable.causedIt(e)) {
            return unavailable(e); // e.g. wrapped by the command bus on its way back
        }
        if (causedBy(e, AxonTimeoutException.class) || causedBy(e, InterruptedException.class)) {
            // Axon interrupts a handler that runs too long, e.g. loading an aggregate's long stream without a snapshot
            log.warn("Request timed out: {}", SafeExceptions.describe(e));
            return Problems.of(503, "The request took too long; try again shortly");
        }
        log.error("Unexpected failure: {}", SafeExceptions.describe(e));
        return Problems.ofStatus(500, null);
    }

    static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
