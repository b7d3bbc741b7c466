package com.practicescheduler.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type one feature offers to the others of its side: besides the {@code shared-api} messages, the only
 * way in from outside the feature's package. Types nested in a port (its views and records) belong to it. The
 * modularity test of each side ({@code FeatureModules}) refuses every other dependency between features.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Port {

    /** Why other features need it, in a few words. */
    String value();
}
