package com.practicescheduler.platform.security;

/** The roles a token's {@code roles} claim may name. */
public enum Role {
    SCHEDULER,
    CLINICIAN,
    PRACTICE_ADMIN,
    COMPLIANCE_OFFICER,
    ANALYST;

    public String authority() {
        return "ROLE_" + name();
    }
}
