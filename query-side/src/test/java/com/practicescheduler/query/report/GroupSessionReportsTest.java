package com.practicescheduler.query.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.query.report.AppointmentOutcomeProjection.Outcome;
import com.practicescheduler.query.report.GroupSessionOutcomeProjection.Session;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Group sessions in the reports: the provider's time counted once per session, each seat's attendance apart. */
class GroupSessionReportsTest {

    private static final ReportRange DECEMBER_1 = new ReportRange(LocalDate.parse("2026-12-01"),
            LocalDate.parse("2026-12-01"), ZoneId.of("America/New_York"));
    private static final Instant TEN = Instant.parse("2026-12-01T15:00:00Z");
    private static final Instant TWO = Instant.parse("2026-12-01T19:00:00Z");
    private static final Session HELD = new Session("session-1", "dr-a", "group", TEN,
            TEN.plus(Duration.ofMinutes(90)), 8, GroupSessionStatus.SCHEDULED);
    private static final Session CANCELLED = new Session("session-2", "dr-a", "group", TWO,
            TWO.plus(Duration.ofMinutes(90)), 8, GroupSessionStatus.CANCELLED);

    private static Outcome seat(Session session, AppointmentStatus status) {
        return new Outcome(session.providerId(), session.start(), session.end(), status, null,
                session.groupSessionId());
    }

    private final List<Outcome> appointments = List.of(
            seat(HELD, AppointmentStatus.COMPLETED), seat(HELD, AppointmentStatus.COMPLETED),
            seat(HELD, AppointmentStatus.NO_SHOW), seat(HELD, AppointmentStatus.CANCELLED),
            seat(CANCELLED, AppointmentStatus.CANCELLED),
            new Outcome("dr-a", TEN.minus(Duration.ofHours(1)), TEN.minus(Duration.ofMinutes(10)),
                    AppointmentStatus.BOOKED, null));

    @Test
    void utilizationCountsTheProvidersTimeOncePerSessionAndNothingForItsSeats() {
        UtilizationReport report = UtilizationReport.of(DECEMBER_1, List.of("dr-a"), Map.of(), Map.of(),
                appointments, List.of(HELD, CANCELLED));

        UtilizationReport.Period total = report.providers().get(0).total();
        assertThat(total.bookedMinutes()).as("50 minutes alone + 90 of the held session, seats nothing")
                .isEqualTo(140);
        assertThat(total.completedMinutes()).as("the held session, once, as its seats were completed")
                .isEqualTo(90);
        assertThat(report.practice().total().bookedMinutes()).isEqualTo(140);
    }

    @Test
    void attendanceCountsEachSeatAndShowsEachSessionsParticipantsWithoutNamingThem() {
        AttendanceReport report = AttendanceReport.of(DECEMBER_1, List.of("dr-a"), appointments,
                List.of(HELD, CANCELLED));

        assertThat(report.practice().appointments()).isEqualTo(6);
        assertThat(report.groupSessions()).extracting(AttendanceReport.GroupSessionAttendance::groupSessionId)
                .containsExactly("session-1", "session-2");
        AttendanceReport.GroupSessionAttendance held = report.groupSessions().get(0);
        assertThat(held.capacity()).isEqualTo(8);
        assertThat(held.seats().appointments()).isEqualTo(4);
        assertThat(held.seats().completed()).isEqualTo(2);
        assertThat(held.seats().noShow()).isEqualTo(1);
        assertThat(held.seats().noShowRatePercent()).isEqualByComparingTo("25.0");
        assertThat(held.participants()).containsExactly(AppointmentStatus.COMPLETED, AppointmentStatus.COMPLETED,
                AppointmentStatus.NO_SHOW, AppointmentStatus.CANCELLED);
        assertThat(report.groupSessions().get(1).status()).isEqualTo(GroupSessionStatus.CANCELLED);
        assertThat(report.groupSessions().get(1).participants()).containsExactly(AppointmentStatus.CANCELLED);
    }
}
