package com.practicescheduler.platform.web;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Ids in paths that are not of our format — at most 64 letters, digits, dots, dashes and underscores — name
 * nothing: {@code 404 not-found} before any handler, read model or event store is asked, and before anything of
 * theirs could reach an audit entry.
 */
final class PathIds implements HandlerInterceptor {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables) {
            for (Object value : variables.values()) {
                if (value == null || !ID.matcher(value.toString()).matches()) {
                    throw new Refusal(ErrorCode.NOT_FOUND, "No such resource");
                }
            }
        }
        return true;
    }
}
