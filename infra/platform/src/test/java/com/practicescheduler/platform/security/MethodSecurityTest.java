package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.security.access.prepost.PostAuthorize;
import org.springframework.security.access.prepost.PostFilter;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.access.prepost.PreFilter;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The advisors {@link MethodSecurityConfiguration} installs in place of {@code @EnableMethodSecurity}'s own. */
class MethodSecurityTest {

    static class Guarded {

        @PreAuthorize("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')")
        public String book() {
            return "booked";
        }

        @PreAuthorize("hasRole('ANALYST') or #practiceId == 'p1'")
        public String report(String practiceId) {
            return "report of " + practiceId;
        }

        @PostAuthorize("returnObject != 'secret'")
        public String read(String what) {
            return what;
        }

        @PreFilter("filterObject != 'dropped'")
        public List<String> given(List<String> values) {
            return values;
        }

        @PostFilter("filterObject != 'hidden'")
        public List<String> listed() {
            return new ArrayList<>(List.of("shown", "hidden"));
        }
    }

    @AfterEach
    void forget() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void everyKindOfRuleIsCheckedOrApplied() {
        try (AnnotationConfigApplicationContext context =
                     new AnnotationConfigApplicationContext(MethodSecurityConfiguration.class, Guarded.class)) {
            Guarded guarded = context.getBean(Guarded.class);

            as(Role.ANALYST);
            assertThatThrownBy(guarded::book).isInstanceOf(AuthorizationDeniedException.class);
            assertThat(guarded.report("p2")).isEqualTo("report of p2");

            as(Role.SCHEDULER);
            assertThat(guarded.book()).isEqualTo("booked");
            assertThat(guarded.report("p1")).isEqualTo("report of p1");
            assertThatThrownBy(() -> guarded.report("p2")).isInstanceOf(AuthorizationDeniedException.class);
            assertThat(guarded.read("open")).isEqualTo("open");
            assertThatThrownBy(() -> guarded.read("secret")).isInstanceOf(AuthorizationDeniedException.class);
            assertThat(guarded.given(new ArrayList<>(List.of("kept", "dropped")))).containsExactly("kept");
            assertThat(guarded.listed()).containsExactly("shown");
        }
    }

    private static void as(Role role) {
        SecurityContextHolder.getContext().setAuthentication(
                new TestingAuthenticationToken("u1", "n/a", role.authority()));
    }
}
