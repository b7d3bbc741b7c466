package com.practicescheduler.query.readmodel;

import java.util.List;

/** Processing groups of the query side's projections; also the names used to rebuild them. */
public final class ReadModels {

    /** Settings, services, providers, time off, patients, appointments: what calendars and availability read. */
    public static final String SCHEDULING = "scheduling";

    /** Waitlist entries and their offers. */
    public static final String WAITLIST = "waitlist";

    /** The audit trail, a hash chain per practice. */
    public static final String AUDIT = "audit";

    /** De-identified facts for the reports: utilization, attendance, the waitlist. */
    public static final String REPORTS = "reports";

    /** Every processing group of the query side. */
    public static final List<String> ALL = List.of(SCHEDULING, WAITLIST, AUDIT, REPORTS);

    /**
     * What a command's answer waits for (read-your-writes): the read models staff read next. Not the audit trail,
     * which a command's answer never needs (its entry is already durable in the event store), nor the reports.
     */
    public static final List<String> READ_YOUR_WRITES = List.of(SCHEDULING, WAITLIST);

    private ReadModels() {
    }
}
