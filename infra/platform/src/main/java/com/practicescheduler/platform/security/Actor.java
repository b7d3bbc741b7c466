package com.practicescheduler.platform.security;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The authenticated user behind a request, from the JWT.
 *
 * @param userId     the {@code sub} claim
 * @param practiceId the tenant; every read and write is scoped to it
 * @param providerId for clinicians, the provider they are (may be null)
 */
public record Actor(String userId, String displayName, String practiceId, Set<Role> roles, String providerId) {

    public Actor {
        roles = Set.copyOf(roles);
    }

    /** The user authenticated on this thread, if any. */
    public static Optional<Actor> current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        return authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                ? Optional.of(Jwts.actor(jwt)) : Optional.empty();
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /**
     * Whether this user may act only as a clinician on their own appointments: a clinician holding no staff role
     * that reaches every appointment of the practice.
     */
    public boolean limitedToOwnProvider() {
        return has(Role.CLINICIAN) && !has(Role.SCHEDULER) && !has(Role.PRACTICE_ADMIN)
                && !has(Role.COMPLIANCE_OFFICER);
    }
}
