package com.practicescheduler.api.appointment;

/** Why an appointment was cancelled. */
public enum CancellationReason {
    PATIENT_REQUEST,
    PROVIDER_UNAVAILABLE,
    PRACTICE,
    OTHER
}
