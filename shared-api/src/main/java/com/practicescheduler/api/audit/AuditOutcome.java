package com.practicescheduler.api.audit;

/** How an audited action ended. */
public enum AuditOutcome {
    /** Done (a command) or answered (a read). */
    SUCCESS,
    /** Refused by a rule of the domain or by validation; the problem slug says which. */
    REJECTED,
    /** Refused for want of authentication (401) or permission (403). */
    DENIED,
    /** Could not be done for a reason on our side. */
    FAILED
}
