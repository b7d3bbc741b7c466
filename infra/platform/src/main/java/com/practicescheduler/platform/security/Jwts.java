package com.practicescheduler.platform.security;

import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/** Reads this application's claims from a validated JWT. */
final class Jwts {

    static final String PRACTICE_ID = "practice_id";
    static final String PROVIDER_ID = "provider_id";
    static final String ROLES = "roles";
    static final String NAME = "name";

    /** The roles this application knows, by name; any other value in the claim is ignored. */
    private static final Map<String, Role> ROLES_BY_NAME = Arrays.stream(Role.values())
            .collect(Collectors.toUnmodifiableMap(Role::name, role -> role));

    private Jwts() {
    }

    /** Turns a validated JWT into an authentication; a token without a practice is refused (401). */
    static JwtAuthenticationToken authenticate(Jwt jwt) {
        String practiceId = jwt.getClaimAsString(PRACTICE_ID);
        if (practiceId == null || practiceId.isBlank()) {
            throw new InvalidBearerTokenException("The token names no practice (claim practice_id)");
        }
        if (jwt.getSubject() == null || jwt.getSubject().isBlank()) {
            throw new InvalidBearerTokenException("The token names no subject");
        }
        Collection<GrantedAuthority> authorities = roles(jwt).stream()
                .map(role -> (GrantedAuthority) new SimpleGrantedAuthority(role.authority()))
                .toList();
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    static Actor actor(Jwt jwt) {
        return new Actor(jwt.getSubject(), jwt.getClaimAsString(NAME), jwt.getClaimAsString(PRACTICE_ID),
                roles(jwt), jwt.getClaimAsString(PROVIDER_ID));
    }

    private static Set<Role> roles(Jwt jwt) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        Object claim = jwt.getClaims().get(ROLES);
        if (claim instanceof Collection<?> values) {
            for (Object value : values) {
                Role role = ROLES_BY_NAME.get(String.valueOf(value));
                if (role != null) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }
}
