package com.practicescheduler.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint outside {@code /api} reached without a bearer token (a patient's offer link, whose unguessable token
 * in the path is the credential): published without the bearer scheme and without {@code 401}/{@code 403}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.TYPE})
public @interface NoToken {
}
