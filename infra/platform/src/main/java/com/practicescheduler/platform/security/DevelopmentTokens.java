package com.practicescheduler.platform.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Date;
import java.util.List;

/** Mints signed development tokens with this application's claims. */
public final class DevelopmentTokens {

    private DevelopmentTokens() {
    }

    /**
     * A token for {@code subject} in {@code practiceId} with {@code roles}, valid from now for {@code validity}.
     *
     * @param providerId the provider a clinician is; may be null
     */
    public static String mint(DevelopmentKeys keys, String subject, String practiceId, Collection<Role> roles,
                              String providerId, Instant now, Duration validity) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .issuer(DevelopmentKeys.ISSUER)
                .subject(subject)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .claim(Jwts.ROLES, roles.stream().map(Role::name).toList());
        if (practiceId != null) {
            claims.claim(Jwts.PRACTICE_ID, practiceId);
        }
        if (providerId != null) {
            claims.claim(Jwts.PROVIDER_ID, providerId);
        }
        return sign(keys, claims.build());
    }

    /** Signs arbitrary claims; for tests that need tokens this application must refuse. */
    public static String sign(DevelopmentKeys keys, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).build(), claims);
            jwt.sign(new RSASSASigner(keys.privateKey()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a development token", e);
        }
    }

    public static String mint(DevelopmentKeys keys, String subject, String practiceId, Role role) {
        return mint(keys, subject, practiceId, List.of(role), null, Instant.now(), Duration.ofHours(8));
    }
}
