package com.practicescheduler.api.practice;

/** How waitlist offers are made when a slot frees up. */
public enum OfferStrategy {
    /** One candidate at a time; the next is offered only after a decline or expiry. */
    SEQUENTIAL,
    /** The top candidates at once; the first to accept wins. */
    BROADCAST
}
