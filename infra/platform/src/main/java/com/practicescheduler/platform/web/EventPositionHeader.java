package com.practicescheduler.platform.web;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Read-your-writes in every shape. A command's answer carries {@value #NAME}: the position in the event stream up to
 * which its events are written. A query that sends the same header back is answered only once the read models it
 * reads have processed that position — on any query-side process, with or without Axon Server — or, past a bounded
 * wait, with {@code 503 service-unavailable} and {@code Retry-After}.
 */
public final class EventPositionHeader {

    public static final String NAME = "X-Event-Position";

    private EventPositionHeader() {
    }

    /** Puts {@code position} on the answer of the HTTP request being handled, if there is one. */
    public static void answer(long position) {
        if (position >= 0 && RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes http
                && http.getResponse() != null && !http.getResponse().isCommitted()) {
            http.getResponse().setHeader(NAME, Long.toString(position));
        }
    }
}
