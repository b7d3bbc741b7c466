package com.practicescheduler.query.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What became of the appointments that start in the range, per provider and for the practice. The final
 * statuses are completed, no-show, cancelled and late-cancelled; rescheduled ones are counted apart (their new
 * appointment counts on its own day), and booked or checked-in ones have no final status yet. The no-show and
 * late-cancel rates are percentages, to one decimal, of the appointments with a final status. Each seat of a group
 * session is an appointment here; {@code groupSessions} adds the figures of each session's seats, and each seat's
 * status (its participant, de-identified: no patient, no appointment id).
 */
record AttendanceReport(LocalDate from, LocalDate to, String timeZone, Attendance practice,
                        List<Attendance> providers, List<GroupSessionAttendance> groupSessions) {

    /** One group session: its capacity and status, its seats' figures and each participant's status. */
    record GroupSessionAttendance(String groupSessionId, String providerId, String serviceId, Instant start,
                                  int capacity, GroupSessionStatus status, Attendance seats,
                                  List<AppointmentStatus> participants) {
    }

    record Attendance(@JsonInclude(JsonInclude.Include.NON_NULL) String providerId, long appointments,
                      long completed, long noShow, long cancelled, long lateCancelled, long rescheduled, long booked,
                      long checkedIn, long withFinalStatus, @Nullable BigDecimal noShowRatePercent,
                      @Nullable BigDecimal lateCancelRatePercent, Map<CancellationReason, Long> cancellationsByReason) {
    }

    static AttendanceReport of(ReportRange range, List<String> providerIds,
                               List<AppointmentOutcomeProjection.Outcome> appointments,
                               List<GroupSessionOutcomeProjection.Session> sessions) {
        Set<String> providers = new LinkedHashSet<>(providerIds);
        appointments.forEach(a -> providers.add(a.providerId()));
        List<Attendance> perProvider = providers.stream()
                .map(p -> attendance(p, appointments.stream().filter(a -> a.providerId().equals(p)).toList()))
                .toList();
        List<GroupSessionAttendance> perSession = sessions.stream().map(session -> {
            List<AppointmentOutcomeProjection.Outcome> seats = appointments.stream()
                    .filter(a -> session.groupSessionId().equals(a.groupSessionId()))
                    .toList();
            return new GroupSessionAttendance(session.groupSessionId(), session.providerId(), session.serviceId(),
                    session.start(), session.capacity(), session.status(),
                    attendance(session.providerId(), seats),
                    seats.stream().map(AppointmentOutcomeProjection.Outcome::status).sorted().toList());
        }).toList();
        return new AttendanceReport(range.from(), range.to(), range.zone().getId(),
                attendance(null, appointments), perProvider, perSession);
    }

    private static Attendance attendance(String providerId, List<AppointmentOutcomeProjection.Outcome> outcomes) {
        Map<AppointmentStatus, Long> byStatus = new EnumMap<>(AppointmentStatus.class);
        Map<CancellationReason, Long> byReason = new LinkedHashMap<>();
        for (CancellationReason reason : CancellationReason.values()) {
            byReason.put(reason, 0L);
        }
        for (AppointmentOutcomeProjection.Outcome outcome : outcomes) {
            byStatus.merge(outcome.status(), 1L, Long::sum);
            if (outcome.cancellationReason() != null) {
                byReason.merge(outcome.cancellationReason(), 1L, Long::sum);
            }
        }
        Predicate<AppointmentStatus> isFinal = s -> s == AppointmentStatus.COMPLETED
                || s == AppointmentStatus.NO_SHOW || s == AppointmentStatus.CANCELLED
                || s == AppointmentStatus.LATE_CANCELLED;
        long withFinalStatus = byStatus.entrySet().stream().filter(e -> isFinal.test(e.getKey()))
                .mapToLong(Map.Entry::getValue).sum();
        long noShow = byStatus.getOrDefault(AppointmentStatus.NO_SHOW, 0L);
        long lateCancelled = byStatus.getOrDefault(AppointmentStatus.LATE_CANCELLED, 0L);
        return new Attendance(providerId, outcomes.size(), byStatus.getOrDefault(AppointmentStatus.COMPLETED, 0L),
                noShow, byStatus.getOrDefault(AppointmentStatus.CANCELLED, 0L), lateCancelled,
                byStatus.getOrDefault(AppointmentStatus.RESCHEDULED, 0L),
                byStatus.getOrDefault(AppointmentStatus.BOOKED, 0L),
                byStatus.getOrDefault(AppointmentStatus.CHECKED_IN, 0L), withFinalStatus,
                Statistics.percent(noShow, withFinalStatus), Statistics.percent(lateCancelled, withFinalStatus),
                byReason);
    }

    String csv() {
        List<String> header = new ArrayList<>(List.of("scope", "providerId", "appointments", "completed", "noShow",
                "cancelled", "lateCancelled", "rescheduled", "booked", "checkedIn", "withFinalStatus",
                "noShowRatePercent", "lateCancelRatePercent"));
        for (CancellationReason reason : CancellationReason.values()) {
            header.add("cancelled_" + reason.name());
        }
        // a group session's rows: its seats' figures (each seat is also counted in its provider's row)
        header.addAll(List.of("groupSessionId", "serviceId", "start", "capacity", "sessionStatus"));
        Csv csv = new Csv(header.toArray(String[]::new));
        List<Attendance> all = new ArrayList<>();
        all.add(practice);
        all.addAll(providers);
        for (Attendance a : all) {
            List<Object> row = row(a.providerId() == null ? "PRACTICE" : "PROVIDER", a);
            row.addAll(Collections.nCopies(5, null));
            csv.row(row.toArray());
        }
        for (GroupSessionAttendance session : groupSessions) {
            List<Object> row = row("GROUP_SESSION", session.seats());
            row.addAll(List.of(session.groupSessionId(), session.serviceId(), session.start(), session.capacity(),
                    session.status()));
            csv.row(row.toArray());
        }
        return csv.toString();
    }

    private static List<Object> row(String scope, Attendance a) {
        List<Object> row = new ArrayList<>(List.of(scope));
        row.add(a.providerId());
        row.addAll(List.of(a.appointments(), a.completed(), a.noShow(), a.cancelled(), a.lateCancelled(),
                a.rescheduled(), a.booked(), a.checkedIn(), a.withFinalStatus()));
        row.add(a.noShowRatePercent());
        row.add(a.lateCancelRatePercent());
        row.addAll(a.cancellationsByReason().values());
        return row;
    }
}
