package com.practicescheduler.platform.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

/**
 * Remembers tokens already verified, so a staff app that sends the same token with every request has its
 * signature checked once a minute, not every time (the RSA check and the parse were a tenth of a booking's CPU).
 * Wraps whatever {@link JwtDecoder} the application has — the development one or the identity provider's — and
 * keeps a verified token at most {@link #REMEMBERED}; on each use {@code exp} and {@code nbf} are checked again
 * exactly as Spring's {@code JwtTimestampValidator} checks them when the token is decoded: on the system clock, with
 * 60 s of skew. Only tokens that verified are remembered, keyed by the whole token: a token that differs by one byte is
 * verified from scratch. At most {@link #MAXIMUM} tokens are kept.
 */
final class VerifiedTokens implements JwtDecoder {

    static final Duration REMEMBERED = Duration.ofMinutes(1);
    static final long MAXIMUM = 10_000;
    private static final Duration SKEW = Duration.ofSeconds(60);

    private final JwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, Jwt> verified;

    VerifiedTokens(JwtDecoder decoder, Clock clock) {
        this.decoder = decoder;
        this.clock = clock;
        this.verified = Caffeine.newBuilder().maximumSize(MAXIMUM).expireAfterWrite(REMEMBERED).build();
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = verified.getIfPresent(token);
        if (jwt == null) {
            jwt = decoder.decode(token);
            verified.put(token, jwt);
        }
        Instant now = clock.instant();
        if (jwt.getExpiresAt() != null && now.minus(SKEW).isAfter(jwt.getExpiresAt())) {
            verified.invalidate(token);
            throw new BadJwtException("Jwt expired at " + jwt.getExpiresAt());
        }
        if (jwt.getNotBefore() != null && now.plus(SKEW).isBefore(jwt.getNotBefore())) {
            throw new BadJwtException("Jwt used before " + jwt.getNotBefore());
        }
        return jwt;
    }

    /** Wraps every {@link JwtDecoder} bean. */
    static BeanPostProcessor wrapping() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof JwtDecoder decoder && !(bean instanceof VerifiedTokens)
                        ? new VerifiedTokens(decoder, Clock.systemUTC()) : bean;
            }
        };
    }
}
