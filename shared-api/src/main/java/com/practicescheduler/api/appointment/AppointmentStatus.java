package com.practicescheduler.api.appointment;

/**
 * Where an appointment stands. {@code BOOKED → CHECKED_IN → COMPLETED}; {@code BOOKED → NO_SHOW} (only after
 * the start); {@code BOOKED → CANCELLED | LATE_CANCELLED}; {@code BOOKED → RESCHEDULED}.
 */
public enum AppointmentStatus {
    BOOKED,
    CHECKED_IN,
    COMPLETED,
    NO_SHOW,
    CANCELLED,
    LATE_CANCELLED,
    RESCHEDULED;

    /** Whether an appointment in this status still occupies its provider's time. */
    public boolean occupiesTime() {
        return this != CANCELLED && this != LATE_CANCELLED && this != RESCHEDULED;
    }
}
