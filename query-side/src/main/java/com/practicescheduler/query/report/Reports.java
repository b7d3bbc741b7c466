package com.practicescheduler.query.report;

import java.time.LocalDate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Computes each report from the reports' own read models. One repeatable-read transaction per report, so its
 * figures come from one moment of the read models even while events are being projected.
 */
@Component
class Reports {

    private final ProviderTimeProjection providerTime;
    private final AppointmentOutcomeProjection appointments;
    private final WaitlistReportProjection waitlist;
    private final GroupSessionOutcomeProjection sessions;

    Reports(ProviderTimeProjection providerTime, AppointmentOutcomeProjection appointments,
            WaitlistReportProjection waitlist, GroupSessionOutcomeProjection sessions) {
        this.providerTime = providerTime;
        this.appointments = appointments;
        this.waitlist = waitlist;
        this.sessions = sessions;
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public UtilizationReport utilization(String practiceId, LocalDate from, LocalDate to) {
        ReportRange range = new ReportRange(from, to, providerTime.zone(practiceId));
        return UtilizationReport.of(range, providerTime.providers(practiceId), providerTime.templates(practiceId),
                providerTime.timeOff(practiceId, range.start(), range.end()),
                appointments.startingBetween(practiceId, range.start(), range.end()),
                sessions.startingBetween(practiceId, range.start(), range.end()));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public AttendanceReport attendance(String practiceId, LocalDate from, LocalDate to) {
        ReportRange range = new ReportRange(from, to, providerTime.zone(practiceId));
        return AttendanceReport.of(range, providerTime.providers(practiceId),
                appointments.startingBetween(practiceId, range.start(), range.end()),
                sessions.startingBetween(practiceId, range.start(), range.end()));
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public WaitlistReport waitlist(String practiceId, LocalDate from, LocalDate to) {
        ReportRange range = new ReportRange(from, to, providerTime.zone(practiceId));
        return WaitlistReport.of(range, providerTime.providers(practiceId),
                waitlist.entries(practiceId, range.start(), range.end()),
                waitlist.offersMade(practiceId, range.start(), range.end()),
                waitlist.rebookings(practiceId, range.start(), range.end()));
    }
}
