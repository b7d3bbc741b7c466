package com.practicescheduler.platform.security;

import java.util.stream.Stream;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** True when none of Spring Boot's standard JWT verification properties is set. */
class NoIdentityProviderCondition implements Condition {

    private static final String PREFIX = "spring.security.oauth2.resourceserver.jwt.";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return Stream.of("issuer-uri", "jwk-set-uri", "public-key-location")
                .noneMatch(name -> StringUtils.hasText(context.getEnvironment().getProperty(PREFIX + name)));
    }
}
