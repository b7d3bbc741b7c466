package com.practicescheduler.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.messaging.timeout.AxonTimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

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
    }
}
