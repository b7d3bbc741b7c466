package com.practicescheduler.api.waitlist;

/** How urgently a waiting patient should be offered a slot; higher ranks first. */
public enum WaitlistPriority {
    ROUTINE,
    HIGH,
    URGENT
}
