package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The contract's problem for the Spring MVC exceptions whose answer says more than their status: the fields to blame
 * ({@code errors}, named as the client wrote them) or a body over the cap.
 */
final class BlamedFields {

    private BlamedFields() {
    }

    /** The problem for {@code e}, or null when its status says all there is to say. */
    static ProblemDetail problem(Exception e) {
        if (e instanceof MethodArgumentNotValidException invalid) {
            List<FieldError> errors = new ArrayList<>();
            invalid.getBindingResult().getFieldErrors()
                    .forEach(error -> errors.add(new FieldError(error.getField(), error.getDefaultMessage())));
            invalid.getBindingResult().getGlobalErrors()
                    .forEach(error -> errors.add(new FieldError(error.getObjectName(), error.getDefaultMessage())));
            return Problems.validationFailed("The request has invalid fields", errors);
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            List<FieldError> errors = invalid.getParameterValidationResults().stream()
                    .flatMap(result -> result.getResolvableErrors().stream()
                            .map(error -> new FieldError(result.getMethodParameter().getParameterName(),
                                    error.getDefaultMessage())))
                    .toList();
            return Problems.validationFailed("The request has invalid parameters", errors);
        }
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return unreadable(unreadable);
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return Problems.validationFailed("A required parameter is missing",
                    List.of(new FieldError(missing.getParameterName(), "is required")));
        }
        if (e instanceof MissingRequestHeaderException missing) {
            return Problems.validationFailed("A required header is missing",
                    List.of(new FieldError(missing.getHeaderName(), "is required")));
        }
        if (e instanceof MethodArgumentTypeMismatchException mismatch) {
            String expected = mismatch.getRequiredType() == null ? "value"
                    : mismatch.getRequiredType().getSimpleName();
            return Problems.validationFailed("A parameter has the wrong type or format",
                    List.of(new FieldError(mismatch.getName(), "must be a valid " + expected)));
        }
        return null;
    }

    private static ProblemDetail unreadable(HttpMessageNotReadableException e) {
        if (ProblemAdvice.causedBy(e, PayloadTooLargeException.class)) {
            return Problems.of(413, "The request body is too large");
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
}
