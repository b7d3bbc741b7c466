package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.audit.AuditLog;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The one mapping from failures to problem responses, for both sides. Messages of unexpected exceptions never
 * reach the client or the log: they may quote patient data.
 */
@RestControllerAdvice
class ProblemAdvice {

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

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ProblemDetail invalidBody(MethodArgumentNotValidException e) {
        List<FieldError> errors = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
        List<FieldError> global = e.getBindingResult().getGlobalErrors().stream()
                .map(error -> new FieldError(error.getObjectName(), error.getDefaultMessage()))
                .toList();
        List<FieldError> all = new java.util.ArrayList<>(errors);
        all.addAll(global);
        return Problems.validationFailed("The request has invalid fields", all);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ProblemDetail invalidParameters(HandlerMethodValidationException e) {
        List<FieldError> errors = e.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                error.getDefaultMessage())))
                .toList();
        return Problems.validationFailed("The request has invalid parameters", errors);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(violation -> new FieldError(violation.getPropertyPath().toString(), violation.getMessage()))
                .toList();
        return Problems.validationFailed("The request has invalid fields", errors);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (causedBy(e, PayloadTooLargeException.class)) {
            return Problems.of(413, "payload-too-large", "Payload too large", "The request body is too large");
        }
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            return Problems.validationFailed("The request body has a field of the wrong type or format",
                    List.of(new FieldError(field, describe(mapping))));
        }
        return Problems.validationFailed("The request body is not valid JSON", List.of());
    }

    private static String describe(JsonMappingException e) {
        if (e instanceof SafeText.RefusedText refused) {
            return refused.getOriginalMessage();
        }
        if (e instanceof InvalidFormatException format && format.getTargetType() != null
                && format.getTargetType().isEnum()) {
            return "must be one of " + Arrays.toString(format.getTargetType().getEnumConstants());
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            return "must be a valid " + mismatch.getTargetType().getSimpleName();
        }
        return "has an invalid value";
    }

    @ExceptionHandler(QueryParameters.RefusedParameterException.class)
    ProblemDetail refusedParameter(QueryParameters.RefusedParameterException e) {
        return Problems.validationFailed("A query parameter holds characters that are not allowed",
                List.of(e.error()));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ProblemDetail missingParameter(MissingServletRequestParameterException e) {
        return Problems.validationFailed("A required parameter is missing",
                List.of(new FieldError(e.getParameterName(), "is required")));
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ProblemDetail missingHeader(MissingRequestHeaderException e) {
        return Problems.validationFailed("A required header is missing",
                List.of(new FieldError(e.getHeaderName(), "is required")));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ProblemDetail typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = e.getRequiredType() == null ? "value" : e.getRequiredType().getSimpleName();
        return Problems.validationFailed("A parameter has the wrong type or format",
                List.of(new FieldError(e.getName(), "must be a valid " + expected)));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e, HttpServletRequest request) {
        audit.denied(request, "forbidden");
        return Problems.of(403, "forbidden", "Forbidden", "Your role does not allow this");
    }

    @ExceptionHandler(AuthenticationException.class)
    ProblemDetail unauthenticated(AuthenticationException e, HttpServletRequest request) {
        audit.denied(request, "unauthenticated");
        return Problems.of(401, "unauthenticated", "Unauthenticated", "A valid bearer token is required");
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, CannotCreateTransactionException.class})
    ProblemDetail unavailable(Exception e) {
        log.warn("Database unavailable: {}", SafeExceptions.describe(e));
        return Problems.of(503, "service-unavailable", "Service unavailable",
                "The database is unavailable; try again shortly");
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
                .body(Problems.of(503, "service-unavailable", "Service unavailable",
                        "The read models have not yet caught up with your change; try again shortly"));
    }

    /** Spring MVC's own failures (unknown route, wrong method, wrong media type...) in the contract's shape. */
    private static ProblemDetail framework(ErrorResponse response) {
        int status = response.getStatusCode().value();
        String slug = Problems.slug(status);
        String detail = status >= 500 ? "Unexpected error" : response.getBody().getDetail();
        return Problems.of(status, slug, Problems.title(slug), detail);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        Refusal refusal = find(e, Refusal.class);
        if (refusal != null) {
            return refused(refusal, request);
        }
        if (e instanceof ErrorResponse response) {
            return framework(response);
        }
        if (causedBy(e, DataAccessResourceFailureException.class) || causedBy(e, CannotCreateTransactionException.class)
                || causedBy(e, java.sql.SQLTransientConnectionException.class)) {
            return unavailable(e); // e.g. wrapped by the command bus on its way back
        }
        if (causedBy(e, AxonTimeoutException.class) || causedBy(e, InterruptedException.class)) {
            // Axon interrupts a handler that runs too long, e.g. loading an aggregate's long stream without a snapshot
            log.warn("Request timed out: {}", SafeExceptions.describe(e));
            return Problems.of(503, "service-unavailable", "Service unavailable",
                    "The request took too long; try again shortly");
        }
        log.error("Unexpected failure: {}", SafeExceptions.describe(e));
        return Problems.of(500, "internal-error", "Internal error", "Unexpected error");
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
