package com.practicescheduler.platform.openapi;

import com.practicescheduler.api.error.ErrorCode;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The domain refusals an endpoint can answer with, beyond those every endpoint can (invalid request, no token, wrong
 * role, rate limit, outage) and {@code 404} for an id in its path. The OpenAPI document lists them as problem
 * responses with their slugs.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Refuses {

    ErrorCode[] value();
}
