package com.practicescheduler.platform.operations;

import com.practicescheduler.platform.security.Actor;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.MDC;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Puts the authenticated practice and user id into the logging context for the rest of the request (the
 * correlation id is there from the start), so every log line — JSON with {@code logging.structured.format.console}
 * — says whose request it belongs to. Ids only: never names or other patient data.
 */
@Component
@Order(SecurityProperties.DEFAULT_FILTER_ORDER + 1)
class RequestLogContext extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Actor.current().ifPresent(actor -> {
            MDC.put("practiceId", actor.practiceId());
            MDC.put("userId", actor.userId());
        });
        try {
            chain.doFilter(request, response);
        } finally {
            MDC.remove("practiceId");
            MDC.remove("userId");
        }
    }
}
