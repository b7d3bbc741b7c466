package com.practicescheduler.api.waitlist;

/** Where a waitlist entry stands. */
public enum WaitlistStatus {
    WAITING,
    OFFERED,
    FULFILLED,
    REMOVED
}
