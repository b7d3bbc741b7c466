package com.practicescheduler.platform.axon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Axon's update checker calls out to the internet at start-up; a practice's servers should not, and on closed
 * networks it only logs stack traces. Switched off unless explicitly enabled.
 */
public class AxonUpdateCheckOptOut implements EnvironmentPostProcessor {

    private static final String PROPERTY = "axoniq.update-checker.disabled";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(PROPERTY) == null && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(PROPERTY, "true");
        }
    }
}
