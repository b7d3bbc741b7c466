package com.practicescheduler.query.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.practicescheduler.api.Nullable;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.groupsession.GroupSessionStatus;
import com.practicescheduler.api.provider.TimeRange;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How much of the providers' available time was booked and completed: per provider and for the practice, per
 * day, per week (Monday to Sunday, cut to the range) and for the whole range.
 *
 * <ul>
 *   <li>available: the working hours in effect that day less time off ({@link AvailableTime});</li>
 *   <li>booked: the minutes (service time, without buffers) of appointments that start that day and hold their
 *       time — booked, checked in, completed or no-show; a group session (not cancelled) counts once, however many
 *       seats it has, and its seats count nothing of their own;</li>
 *   <li>completed: the minutes of those that were completed (a group session's when a seat was completed);</li>
 *   <li>utilization: booked as a percentage of available, to one decimal; null without available time. It can
 *       pass 100 when appointments stay after their hours were cut.</li>
 * </ul>
 */
record UtilizationReport(LocalDate from, LocalDate to, String timeZone, Utilization practice,
                         List<Utilization> providers) {

    /** Figures for one day. */
    record Day(LocalDate date, long availableMinutes, long bookedMinutes, long completedMinutes,
               @Nullable BigDecimal utilizationPercent) {
    }

    /** Figures summed over the days from {@code from} to {@code to}. */
    record Period(LocalDate from, LocalDate to, long availableMinutes, long bookedMinutes, long completedMinutes,
                  @Nullable BigDecimal utilizationPercent) {
    }

    /** One provider's figures, or the practice's ({@code providerId} absent): every provider's summed. */
    record Utilization(@JsonInclude(JsonInclude.Include.NON_NULL) String providerId, Period total,
                       List<Period> weeks, List<Day> days) {
    }

    /** The three sums a day or period adds up. */
    private record Minutes(long available, long booked, long completed) {

        static final Minutes NONE = new Minutes(0, 0, 0);

        Minutes plus(Minutes other) {
            return new Minutes(available + other.available, booked + other.booked, completed + other.completed);
        }

        BigDecimal utilization() {
            return Statistics.percent(booked, available);
        }
    }

    static UtilizationReport of(ReportRange range, List<String> providerIds,
                                Map<String, List<AvailableTime.Template>> templates,
                                Map<String, List<TimeRange>> timeOff,
                                List<AppointmentOutcomeProjection.Outcome> appointments,
                                List<GroupSessionOutcomeProjection.Session> sessions) {
        Set<String> providers = new LinkedHashSet<>(providerIds);
        appointments.forEach(a -> providers.add(a.providerId()));
        sessions.forEach(session -> providers.add(session.providerId()));
        Map<String, Map<LocalDate, Minutes>> byProvider = new LinkedHashMap<>();
        for (String provider : providers) {
            Map<LocalDate, Minutes> days = new LinkedHashMap<>();
            for (LocalDate day : range.days()) {
                days.put(day, new Minutes(AvailableTime.minutesOn(templates.getOrDefault(provider, List.of()),
                        timeOff.getOrDefault(provider, List.of()), day, range.zone()), 0, 0));
            }
            byProvider.put(provider, days);
        }
        Set<String> attendedSessions = new java.util.HashSet<>();
        for (AppointmentOutcomeProjection.Outcome appointment : appointments) {
            if (appointment.groupSessionId() != null) {
                // a seat: its time is its session's, counted once below
                if (appointment.status() == AppointmentStatus.COMPLETED) {
                    attendedSessions.add(appointment.groupSessionId());
                }
                continue;
            }
            if (appointment.status().occupiesTime()) {
                long minutes = Duration.between(appointment.start(), appointment.end()).toMinutes();
                long completed = appointment.status() == AppointmentStatus.COMPLETED ? minutes : 0;
                byProvider.get(appointment.providerId()).merge(range.dateOf(appointment.start()),
                        new Minutes(0, minutes, completed), Minutes::plus);
            }
        }
        for (GroupSessionOutcomeProjection.Session session : sessions) {
            if (session.status() == GroupSessionStatus.SCHEDULED) {
                long minutes = Duration.between(session.start(), session.end()).toMinutes();
                long completed = attendedSessions.contains(session.groupSessionId()) ? minutes : 0;
                byProvider.get(session.providerId()).merge(range.dateOf(session.start()),
                        new Minutes(0, minutes, completed), Minutes::plus);
            }
        }
        Map<LocalDate, Minutes> practiceDays = new LinkedHashMap<>();
        range.days().forEach(day -> practiceDays.put(day, Minutes.NONE));
        byProvider.values().forEach(days -> days.forEach((day, minutes) -> practiceDays.merge(day, minutes,
                Minutes::plus)));
        List<Utilization> perProvider = byProvider.entrySet().stream()
                .map(e -> utilization(e.getKey(), range, e.getValue()))
                .toList();
        return new UtilizationReport(range.from(), range.to(), range.zone().getId(),
                utilization(null, range, practiceDays), perProvider);
    }

    private static Utilization utilization(String providerId, ReportRange range, Map<LocalDate, Minutes> days) {
        List<Day> dayFigures = new ArrayList<>();
        days.forEach((day, m) -> dayFigures.add(new Day(day, m.available(), m.booked(), m.completed(),
                m.utilization())));
        List<Period> weeks = range.weeks().stream()
                .map(week -> period(week.from(), week.to(), days))
                .toList();
        return new Utilization(providerId, period(range.from(), range.to(), days), weeks, dayFigures);
    }

    private static Period period(LocalDate from, LocalDate to, Map<LocalDate, Minutes> days) {
        Minutes sum = days.entrySet().stream()
                .filter(e -> !e.getKey().isBefore(from) && !e.getKey().isAfter(to))
                .map(Map.Entry::getValue)
                .reduce(Minutes.NONE, Minutes::plus);
        return new Period(from, to, sum.available(), sum.booked(), sum.completed(), sum.utilization());
    }

    String csv() {
        Csv csv = new Csv("scope", "providerId", "period", "from", "to", "availableMinutes", "bookedMinutes",
                "completedMinutes", "utilizationPercent");
        List<Utilization> all = new ArrayList<>();
        all.add(practice);
        all.addAll(providers);
        for (Utilization u : all) {
            String scope = u.providerId() == null ? "PRACTICE" : "PROVIDER";
            rows(csv, scope, u.providerId(), "RANGE", List.of(u.total()));
            rows(csv, scope, u.providerId(), "WEEK", u.weeks());
            for (Day d : u.days()) {
                csv.row(scope, u.providerId(), "DAY", d.date(), d.date(), d.availableMinutes(), d.bookedMinutes(),
                        d.completedMinutes(), d.utilizationPercent());
            }
        }
        return csv.toString();
    }

    private static void rows(Csv csv, String scope, String providerId, String period, List<Period> periods) {
        for (Period p : periods) {
            csv.row(scope, providerId, period, p.from(), p.to(), p.availableMinutes(), p.bookedMinutes(),
                    p.completedMinutes(), p.utilizationPercent());
        }
    }
}
