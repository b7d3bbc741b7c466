package com.practicescheduler.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestCookieException;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.async.AsyncRequestTimeoutException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

class ProblemAdviceTest {

    private final ProblemAdvice advice = new ProblemAdvice(null);

    @Test
    void aHandlerInterruptedForTakingTooLongIsServiceUnavailableNotAnInternalError() {
        // what the command bus returns when Axon interrupts the loading of a long stream (benchmark, 1 M history)
        ProblemDetail interrupted = advice.unexpected(new CommandExecutionException("interrupted",
                new IllegalStateException(new InterruptedException("Message for handler was interrupted"))),
                new MockHttpServletRequest());
        ProblemDetail timedOut = advice.unexpected(new AxonTimeoutException("took too long"),
                new MockHttpServletRequest());

        for (ProblemDetail problem : new ProblemDetail[] {interrupted, timedOut}) {
            assertThat(problem.getStatus()).isEqualTo(503);
            assertThat(problem.getType().toString()).endsWith("service-unavailable");
            assertThat(problem.getDetail()).isEqualTo("The request took too long; try again shortly");
        }
    }

    @Test
    void anythingElseUnexpectedStaysAnInternalError() {
        ProblemDetail problem = advice.unexpected(new IllegalStateException("bug"), new MockHttpServletRequest());

        assertThat(problem.getStatus()).isEqualTo(500);
        assertThat(problem.getType().toString()).endsWith("internal-error");
        assertThat(problem.getDetail()).isEqualTo("Unexpected error");
    }

    @Test
    void springsOwnRefusalsKeepTheirStatusAndHeadersAndGetTheSlugOfTheirStatus() throws Exception {
        ResponseEntity<Object> wrongMethod = handled(new HttpRequestMethodNotSupportedException("DELETE",
                Set.of("GET", "POST")));
        ResponseEntity<Object> unknown = handled(new NoResourceFoundException(HttpMethod.GET, "api/v1/nothing"));
        ResponseEntity<Object> noCookie = handled(new MissingRequestCookieException("session", null));

        assertThat(problem(wrongMethod).getType().toString()).isEqualTo("/problems/method-not-allowed");
        assertThat(problem(wrongMethod).getTitle()).isEqualTo("Method not allowed");
        assertThat(wrongMethod.getHeaders().getAllow()).containsExactlyInAnyOrder(HttpMethod.GET, HttpMethod.POST);
        assertThat(problem(unknown).getStatus()).isEqualTo(404);
        assertThat(problem(unknown).getType().toString()).isEqualTo("/problems/not-found");
        assertThat(problem(unknown).getDetail()).isEqualTo("No static resource api/v1/nothing.");
        assertThat(problem(noCookie).getType().toString()).isEqualTo("/problems/validation-failed");
        assertThat(problem(noCookie).getProperties()).containsEntry("errors", List.of());
    }

    @Test
    void springsOwnFailuresSayNothingOfTheFailure() throws Exception {
        ResponseEntity<Object> timedOut = handled(new AsyncRequestTimeoutException());
        ResponseEntity<Object> bug = handled(new MissingPathVariableException("id", null));

        assertThat(timedOut.getStatusCode().value()).isEqualTo(503);
        assertThat(problem(timedOut).getType().toString()).isEqualTo("/problems/service-unavailable");
        assertThat(problem(bug).getType().toString()).isEqualTo("/problems/internal-error");
        assertThat(problem(bug).getDetail()).isEqualTo("Unexpected error");
    }

    private ResponseEntity<Object> handled(Exception e) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/services");
        return advice.handleException(e, new ServletWebRequest(request, new MockHttpServletResponse()));
    }

    private static ProblemDetail problem(ResponseEntity<Object> response) {
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(response.getStatusCode().value()).isEqualTo(problem.getStatus());
        assertThat(response.getHeaders()).doesNotContainKey(HttpHeaders.CONTENT_TYPE);
        return problem;
    }
}
