package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's error report for what it refuses before any servlet runs (an 8 KB URI or header, {@code %00}, an
 * encoded slash, a malformed escape): a problem document of the contract instead of Tomcat's HTML page. Says
 * nothing about the request itself, which may be anything.
 */
class ProblemReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);

    private final ObjectMapper mapper;

    ProblemReportValve(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        ProblemDetail problem = Problems.ofStatus(status,
                "The server refused the request: its line, a header or its path is malformed or too large");
        try {
            response.resetBuffer();
            Problems.write(response, mapper, problem);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the problem of a refused request", e);
        }
        log.info("Request refused by the server: {}", status);
    }
}
