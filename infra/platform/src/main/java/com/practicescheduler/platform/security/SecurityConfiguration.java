package com.practicescheduler.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.practicescheduler.platform.audit.AuditLog;
import com.practicescheduler.platform.fhir.FhirOutcomes;
import com.practicescheduler.platform.web.Problems;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every {@code /api/**} and {@code /fhir/r4/**} request (but the FHIR {@code metadata}) needs a valid bearer JWT
 * (RS256, {@code exp}/{@code nbf} checked, a {@code practice_id} claim); health, API docs and Swagger UI do not. Roles
 * are checked per endpoint with {@code @PreAuthorize} ({@link MethodSecurityConfiguration}). Failures answer with
 * problem documents (401 with {@code WWW-Authenticate}, 403); on {@code /fhir/r4} with {@code OperationOutcome}s.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, ObjectMapper mapper, AuditLog audit,
                                            RateLimits limits) throws Exception {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        AuthenticationEntryPoint unauthenticated = (request, response, exception) -> {
            if (!limits.admitUnauthenticated(request, response)) {
                return;
            }
            audit.denied(request, Problems.slug(401));
            bearer.commence(request, response, exception); // sets WWW-Authenticate
            if (FhirOutcomes.isFhir(request)) {
                FhirOutcomes.write(response, Problems.slug(401), 401, "A valid bearer token is required");
                return;
            }
            Problems.write(response, mapper, Problems.of(401, "A valid bearer token is required"));
        };
        AccessDeniedHandler forbidden = (request, response, exception) -> {
            audit.denied(request, Problems.slug(403));
            if (FhirOutcomes.isFhir(request)) {
                FhirOutcomes.write(response, Problems.slug(403), 403, "Your role does not allow this");
                return;
            }
            Problems.write(response, mapper, Problems.of(403, "Your role does not allow this"));
        };
        http.addFilterBefore(new RateLimitFilter(limits), BearerTokenAuthenticationFilter.class)
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/api/**").authenticated()
                        // FHIR R4 (ADR 18): the CapabilityStatement is open, as the OpenAPI document is; roles per
                        // interaction in the providers (FhirAccess)
                        .requestMatchers(HttpMethod.GET, "/fhir/r4/metadata").permitAll()
                        .requestMatchers("/fhir/r4/**").authenticated()
                        .requestMatchers("/actuator/health/**", "/actuator/health", "/actuator/info",
                                "/actuator/prometheus", "/v3/api-docs/**", "/v3/api-docs", "/swagger-ui/**",
                                "/swagger-ui.html", "/error").permitAll()
                        // the patient's offer page: the link's unguessable token is the credential (ADR 16)
                        .requestMatchers("/offers/*", "/offers/*/accept", "/offers/*/decline").permitAll()
                        // a provider's calendar feed: its URL's unguessable token is the credential (ADR 19)
                        .requestMatchers(HttpMethod.GET, "/calendar-feeds/*").permitAll()
                        .requestMatchers(HttpMethod.HEAD, "/calendar-feeds/*").permitAll()
                        .anyRequest().denyAll())
                .oauth2ResourceServer(oauth -> oauth
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(Jwts::authenticate))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(forbidden));
        return http.build();
    }

    /**
     * Requests a minute per client address, per bearer token, and per client address without a valid token. The
     * defaults let a busy front desk behind one address (and 50 concurrent bookings with one token) through and
     * stop a flood; behind a proxy, set {@code server.forward-headers-strategy} so the address is the client's.
     */
    @Bean
    RateLimits rateLimits(@Value("${practice-scheduler.rate-limits.per-address:12000}") int perAddress,
                          @Value("${practice-scheduler.rate-limits.per-token:6000}") int perToken,
                          @Value("${practice-scheduler.rate-limits.unauthenticated-per-address:1000}")
                          int unauthenticatedPerAddress,
                          AuditLog audit, ObjectMapper mapper, MeterRegistry meters) {
        return new RateLimits(new RateLimits.Limits(perAddress, perToken, unauthenticatedPerAddress), audit, mapper,
                meters);
    }

    /**
     * Verifies development tokens with the generated key pair; only when no identity provider is configured
     * (the standard {@code spring.security.oauth2.resourceserver.jwt.*} properties always win).
     */
    @Bean
    @Conditional(NoIdentityProviderCondition.class)
    JwtDecoder developmentJwtDecoder(DevelopmentKeys keys) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withPublicKey(keys.publicKey()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(), new JwtIssuerValidator(DevelopmentKeys.ISSUER)));
        return decoder;
    }

    /**
     * The patterns above matched as Spring MVC's own {@code PathPattern}s (Spring Security 7's default), not through
     * a look-up of the servlet and its handler mappings on every request. They name paths, not handlers.
     */
    @Bean
    static PathPatternRequestMatcherBuilderFactoryBean pathPatternRequestMatchers() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /**
     * No observation around each security filter, authentication and authorization: nothing reads them, and even
     * switched off by a predicate they were created and wrapped on every request. {@code http.server.requests}
     * (Spring MVC's own observation) stays.
     */
    @Bean
    static SecurityObservationSettings noSecurityObservations() {
        return SecurityObservationSettings.noObservations();
    }

    /** Spring Security's strict firewall, header rules checked without regular expressions ({@link HeaderFirewall}). */
    @Bean
    WebSecurityCustomizer headerFirewall() {
        return web -> web.httpFirewall(HeaderFirewall.strict());
    }

    /** Verified tokens are remembered briefly ({@link VerifiedTokens}), whichever decoder verifies them. */
    @Bean
    static BeanPostProcessor verifiedTokens() {
        return VerifiedTokens.wrapping();
    }

    @Bean
    @Conditional(NoIdentityProviderCondition.class)
    DevelopmentKeys developmentKeys(@Value("${practice-scheduler.data-dir:./data}") Path dataDir) {
        return DevelopmentKeys.loadOrCreate(dataDir.resolve("keys"));
    }

    @Bean
    WebMvcConfigurer actorArgumentResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new ActorArgumentResolver());
            }
        };
    }
}
