package com.practicescheduler.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/** What a remembered token still has to pass, and what is never remembered. */
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2031-03-04T10:00:00Z");

    private final List<String> verified = new ArrayList<>();
    /** Verifies "good-…" tokens, valid for an hour from NOW; refuses every other. */
    private final JwtDecoder signatures = token -> {
        verified.add(token);
        if (!token.startsWith("good-")) {
            throw new BadJwtException("bad signature");
        }
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("staff").issuedAt(NOW)
                .expiresAt(NOW.plus(Duration.ofHours(1))).build();
    };

    private VerifiedTokens at(Instant instant) {
        return new VerifiedTokens(signatures, Clock.fixed(instant, ZoneOffset.UTC));
    }

    @Test
    void aTokenSentAgainIsNotVerifiedAgainButADifferentOneIs() {
        VerifiedTokens tokens = at(NOW);

        tokens.decode("good-1");
        tokens.decode("good-1");
        tokens.decode("good-2");

        assertThat(verified).containsExactly("good-1", "good-2");
    }

    @Test
    void aTokenThatFailedIsVerifiedAgainEveryTime() {
        VerifiedTokens tokens = at(NOW);

        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(JwtException.class);
        assertThatThrownBy(() -> tokens.decode("forged")).isInstanceOf(JwtException.class);

        assertThat(verified).containsExactly("forged", "forged");
    }

    @Test
    void aRememberedTokenPastItsExpiryAndTheSkewIsRefused() {
        VerifiedTokens early = at(NOW);
        early.decode("good-1");
        VerifiedTokens late = new VerifiedTokens(token -> early.decode(token),
                Clock.fixed(NOW.plus(Duration.ofHours(1)).plusSeconds(61), ZoneOffset.UTC));

        assertThatThrownBy(() -> late.decode("good-1")).isInstanceOf(BadJwtException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void withinTheSkewARememberedTokenStillPasses() {
        Instant justAfterExpiry = NOW.plus(Duration.ofHours(1)).plusSeconds(59);
        VerifiedTokens tokens = at(justAfterExpiry);

        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("staff");
        assertThat(tokens.decode("good-1").getSubject()).isEqualTo("staff");
        assertThat(verified).containsExactly("good-1");
    }
}
