package com.practicescheduler.api.waitlist;

/** Where an offer stands: {@code PENDING → ACCEPTED | DECLINED | EXPIRED | WITHDRAWN}. */
public enum OfferStatus {
    PENDING,
    ACCEPTED,
    DECLINED,
    EXPIRED,
    WITHDRAWN
}
