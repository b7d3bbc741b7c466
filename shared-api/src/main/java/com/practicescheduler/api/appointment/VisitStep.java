package com.practicescheduler.api.appointment;

/** A step in the visit itself, recorded by staff or by the appointment's own clinician. */
public enum VisitStep {
    CHECK_IN,
    COMPLETE,
    NO_SHOW
}
