package com.practicescheduler.platform.security;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authorization.method.AuthorizationManagerAfterMethodInterceptor;
import org.springframework.security.authorization.method.AuthorizationManagerBeforeMethodInterceptor;
import org.springframework.security.authorization.method.PostFilterAuthorizationMethodInterceptor;
import org.springframework.security.authorization.method.PreAuthorizeAuthorizationManager;
import org.springframework.security.authorization.method.PreFilterAuthorizationMethodInterceptor;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;

/**
 * Method security with the four advisors {@code @EnableMethodSecurity} would install, published here (its documented
 * way to replace one) so that {@code @PreAuthorize} goes through {@link RoleRules}.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(prePostEnabled = false)
class MethodSecurityConfiguration {

    /**
     * {@code @PreAuthorize} as {@code @EnableMethodSecurity} would check it, but a rule that only names roles is
     * decided by the roles ({@link RoleRules}) instead of evaluating its expression on every call.
     */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor preAuthorize(ApplicationContext context) {
        PreAuthorizeAuthorizationManager expressions = new PreAuthorizeAuthorizationManager();
        expressions.setApplicationContext(context);
        return AuthorizationManagerBeforeMethodInterceptor.preAuthorize(new RoleRules(expressions));
    }

    /** {@code @PostAuthorize}, as {@code @EnableMethodSecurity} would check it: none is used today, none is ignored. */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor postAuthorize() {
        return AuthorizationManagerAfterMethodInterceptor.postAuthorize();
    }

    /** {@code @PreFilter}, as {@code @EnableMethodSecurity} would apply it: none is used today, none is ignored. */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor preFilter() {
        return new PreFilterAuthorizationMethodInterceptor();
    }

    /** {@code @PostFilter}, as {@code @EnableMethodSecurity} would apply it: none is used today, none is ignored. */
    @Bean
    @org.springframework.context.annotation.Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor postFilter() {
        return new PostFilterAuthorizationMethodInterceptor();
    }
}
