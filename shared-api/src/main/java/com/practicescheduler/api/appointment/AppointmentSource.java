package com.practicescheduler.api.appointment;

/** How an appointment came about. */
public enum AppointmentSource {
    DIRECT,
    WAITLIST
}
