package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.util.SimpleMethodInvocation;

class RoleRulesTest {

    static class Rules {

        @PreAuthorize("hasRole('PRACTICE_ADMIN')")
        public void admin() {
        }

        @PreAuthorize("hasAnyRole('SCHEDULER','CLINICIAN','PRACTICE_ADMIN','COMPLIANCE_OFFICER','ANALYST')")
        public void anyStaff() {
        }

        @PreAuthorize(" hasAnyRole( 'SCHEDULER' , 'PRACTICE_ADMIN' ) ")
        public void spaced() {
        }

        @PreAuthorize("hasRole('ROLE_ANALYST')")
        public void prefixed() {
        }

        @PreAuthorize("hasRole('SCHEDULER') or hasRole('ANALYST') and #practiceId == 'p1'")
        public void expression(String practiceId) {
        }

        @PreAuthorize("isAuthenticated()")
        public void authenticated() {
        }
    }

    @PreAuthorize("hasAnyRole('CLINICIAN','ANALYST')")
    static class ClassRule {

        public void read() {
        }
    }

    private final PreAuthorizeAuthorizationManager expressions = new PreAuthorizeAuthorizationManager();
    private final RoleRules rules = new RoleRules(new PreAuthorizeAuthorizationManager());

    @Test
    void everyRuleDecidesAsItsExpressionForEveryCombinationOfRoles() throws Exception {
        List<SimpleMethodInvocation> calls = new ArrayList<>();
        for (Method method : Rules.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(PreAuthorize.class)) {
                Object[] args = method.getParameterCount() == 0 ? new Object[0] : new Object[] {"p1"};
                calls.add(new SimpleMethodInvocation(new Rules(), method, args));
                if (args.length > 0) {
                    calls.add(new SimpleMethodInvocation(new Rules(), method, "p2"));
                }
            }
        }
        calls.add(new SimpleMethodInvocation(new ClassRule(), ClassRule.class.getMethod("read")));
        assertThat(calls).hasSize(8);

        Role[] roles = Role.values();
        int granted = 0;
        for (int subset = 0; subset < 1 << roles.length; subset++) {
            List<String> authorities = new ArrayList<>();
            for (int i = 0; i < roles.length; i++) {
                if ((subset & 1 << i) != 0) {
                    authorities.add(roles[i].authority());
                }
            }
            Authentication user = new TestingAuthenticationToken("u1", "n/a", authorities.toArray(String[]::new));
            for (SimpleMethodInvocation call : calls) {
                boolean expected = expressions.authorize(() -> user, call).isGranted();
                assertThat(rules.authorize(() -> user, call).isGranted())
                        .as("%s with %s", call.getMethod().getName(), authorities)
                        .isEqualTo(expected);
                granted += expected ? 1 : 0;
            }
        }
        // both answers occur: the comparison above is not of two managers that always refuse
        assertThat(granted).isBetween(1, (1 << roles.length) * calls.size() - 1);
    }

    @Test
    void onlyARuleThatNamesNothingButRolesIsDecidedByItsRoles() {
        assertThat(RoleRules.rolesOnly("hasAnyRole('SCHEDULER','PRACTICE_ADMIN')"))
                .hasValueSatisfying(found -> assertThat(found).containsExactly("SCHEDULER", "PRACTICE_ADMIN"));
        assertThat(RoleRules.rolesOnly("hasRole('COMPLIANCE_OFFICER')"))
                .hasValueSatisfying(found -> assertThat(found).containsExactly("COMPLIANCE_OFFICER"));
        assertThat(RoleRules.rolesOnly("hasRole('SCHEDULER') or hasRole('ANALYST')")).isEmpty();
        assertThat(RoleRules.rolesOnly("hasAnyRole('SCHEDULER') and #id == 'x'")).isEmpty();
        assertThat(RoleRules.rolesOnly("hasAuthority('SCHEDULER')")).isEmpty();
        assertThat(RoleRules.rolesOnly("isAuthenticated()")).isEmpty();
    }
}
