package com.practicescheduler.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Query parameters hold text a client can mean: a name or value with a NUL, another control character or half of
 * a surrogate pair (the rules of {@link SafeText}) is refused with {@code 400 validation-failed} naming the
 * parameter, before a handler hands it to PostgreSQL, which refuses NUL in text with an error of its own.
 */
final class QueryParameters implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        for (Map.Entry<String, String[]> parameter : request.getParameterMap().entrySet()) {
            String name = parameter.getKey();
            if (SafeText.problem(name) != null) {
                throw new RefusedParameterException(new FieldError("query", "parameter names "
                        + SafeText.problem(name)));
            }
            for (String value : parameter.getValue()) {
                String problem = value == null ? null : SafeText.problem(value);
                if (problem != null) {
                    throw new RefusedParameterException(new FieldError(name, problem));
                }
            }
        }
        return true;
    }

    /** A query parameter refused for its characters; becomes {@code 400 validation-failed} naming it. */
    static final class RefusedParameterException extends RuntimeException {

        private final transient FieldError error;

        RefusedParameterException(FieldError error) {
            super(error.field() + " " + error.message(), null, false, false);
            this.error = error;
        }

        FieldError error() {
            return error;
        }
    }
}
