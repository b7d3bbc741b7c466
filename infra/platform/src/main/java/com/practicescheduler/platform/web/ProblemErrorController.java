package com.practicescheduler.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The container's error page ({@code /error}, where a {@code sendError} inside the servlet ends up) in the
 * contract's shape, in place of Spring Boot's default error JSON. Written directly: whatever the client accepts,
 * a refusal is a problem document.
 */
@Controller
class ProblemErrorController implements ErrorController {

    private final ObjectMapper mapper;

    ProblemErrorController(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        // asked for directly, not dispatched to by the container: there is nothing here
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code : 404;
        response.resetBuffer();
        Problems.write(response, mapper, Problems.ofStatus(status, "The request was refused"));
    }
}
