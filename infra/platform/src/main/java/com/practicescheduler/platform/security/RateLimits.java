package com.practicescheduler.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.web.Problems;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Token buckets of requests a minute: per client address, per bearer token, and per client address for requests
 * without a valid token. A bucket holds a minute's worth, so a burst up to the limit passes and the limit holds
 * over any minute. Past a limit the answer is {@code 429 too-many-requests} with {@code Retry-After}, and the
 * refusal is audited as any other (repeated ones counted, see {@link AuditLog#denied}).
 *
 * <p>Buckets live in this process only (each node limits what it serves) and are forgotten after two idle
 * minutes, when they are full again anyway; a bounded cache keeps a flood of addresses from growing memory.
 */
class RateLimits {

    /** Requests a minute; 0 turns a limit off. */
    record Limits(int perAddress, int perToken, int unauthenticatedPerAddress) {
    }

    private final Limits limits;
    private final AuditLog audit;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();

    RateLimits(Limits limits, AuditLog audit, ObjectMapper mapper, MeterRegistry meters) {
        this.limits = limits;
        this.audit = audit;
        this.mapper = mapper;
        this.meters = meters;
    }

    /**
     * Takes one request from the buckets of {@code request}'s address and token; answers 429 and returns false
     * when one is empty.
     */
    boolean admit(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!take("address", "a:" + request.getRemoteAddr(), limits.perAddress(), request, response)) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        return authorization == null
                || take("token", "t:" + Sha256.hex(authorization.getBytes(StandardCharsets.UTF_8)), limits.perToken(),
                request, response);
    }

    /** Takes one request without a valid token from its address's bucket; answers 429 when it is empty. */
    boolean admitUnauthenticated(HttpServletRequest request, HttpServletResponse response) throws IOException {
        return take("unauthenticated", "u:" + request.getRemoteAddr(), limits.unauthenticatedPerAddress(), request,
                response);
    }

    private boolean take(String limit, String key, int perMinute, HttpServletRequest request,
                         HttpServletResponse response) throws IOException {
        if (perMinute <= 0) {
            return true;
        }
        Bucket bucket = buckets.get(key, unused -> Bucket.builder()
                .addLimit(bandwidth -> bandwidth.capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)))
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return true;
        }
        meters.counter("practice_scheduler_rate_limited", "limit", limit).increment();
        audit.denied(request, Problems.slug(429));
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setHeader("Retry-After", Long.toString(seconds));
        String detail = "Too many requests from this client; retry after " + seconds + " s";
        if (com.practicescheduler.platform.fhir.FhirOutcomes.isFhir(request)) {
            com.practicescheduler.platform.fhir.FhirOutcomes.write(response, Problems.slug(429), 429, detail);
            return false;
        }
        Problems.write(response, mapper, Problems.of(429, detail));
        return false;
    }

}
