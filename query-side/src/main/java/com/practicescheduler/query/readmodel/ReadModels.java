package com.practicescheduler.query.readmodel;

/** Processing groups of the query side's projections; also the names used to rebuild them. */
public final class ReadModels {

    /** Settings, services, providers, time off, patients, appointments: what calendars and availability read. */
    public static final String SCHEDULING = "scheduling";

    /** Waitlist entries (and, to come, their offers). */
    public static final String WAITLIST = "waitlist";

    private ReadModels() {
    }
}
