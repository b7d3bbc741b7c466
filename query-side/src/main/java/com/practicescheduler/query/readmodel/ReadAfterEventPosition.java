package com.practicescheduler.query.readmodel;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.platform.web.EventPositionHeader;
import com.practicescheduler.platform.web.ReadModelsBehindException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * A query that carries {@link EventPositionHeader#NAME} (the position a command's answer named) is answered once the
 * read models staff read next have processed that position; past the read-your-writes timeout, {@code 503} with
 * {@code Retry-After}. Runs after authentication: a request without a valid token waits for nothing.
 */
@Configuration(proxyBeanMethods = false)
class ReadAfterEventPosition implements WebMvcConfigurer, HandlerInterceptor {

    /** Positions are non-negative longs: at most 19 digits. */
    private static final int LONGEST_POSITION = 19;

    private final ReadModelProgress progress;
    private final Duration timeout;

    ReadAfterEventPosition(ReadModelProgress progress,
                           @Value("${practice-scheduler.read-your-writes-timeout:PT3S}") Duration timeout) {
        this.progress = progress;
        this.timeout = timeout;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/api/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String header = request.getHeader(EventPositionHeader.NAME);
        if (header == null) {
            return true;
        }
        long position = parse(header.trim());
        if (!progress.reached(position, timeout)) {
            throw new ReadModelsBehindException(position);
        }
        return true;
    }

    private static long parse(String value) {
        if (value.isEmpty() || value.length() > LONGEST_POSITION || !value.chars().allMatch(Character::isDigit)) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    EventPositionHeader.NAME + " must be a position a command's answer named (digits)");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new Refusal(ErrorCode.VALIDATION_FAILED,
                    EventPositionHeader.NAME + " must be a position a command's answer named (digits)");
        }
    }
}
