package com.practicescheduler.query.appointment;

import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesEndedEvent;
import com.practicescheduler.api.series.SeriesExtendedEvent;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SkippedOccurrence;
import com.practicescheduler.platform.persistence.Rows;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Recurring series: what each repeats, its status and the occurrences it skipped. Its occurrences are read from the
 * appointments themselves ({@code appointment_view.series_id}), so they show their current status.
 */
@Component
@ProcessingGroup(ReadModels.SCHEDULING)
class SeriesProjection {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;

    SeriesProjection(NamedParameterJdbcTemplate jdbc, BatchedWrites writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    @EventHandler
    void on(SeriesBookedEvent event) {
        writes.update("""
                insert into appointment_series_view (series_id, practice_id, patient_id, provider_id, service_id,
                    first_start, every_weeks, days_of_week, occurrences, until_date, status)
                values (:id, :practice, :patient, :provider, :service, :start, :everyWeeks, :days, :count, :until,
                    'ACTIVE')
                on conflict (series_id) do nothing
                """, new MapSqlParameterSource("id", event.seriesId())
                .addValue("practice", event.practiceId())
                .addValue("patient", event.patientId())
                .addValue("provider", event.providerId())
                .addValue("service", event.serviceId())
                .addValue("start", Timestamp.from(event.start()))
                .addValue("everyWeeks", event.recurrence().everyWeeks())
                .addValue("days", event.recurrence().daysOfWeek().stream().map(DayOfWeek::name)
                        .collect(Collectors.joining(",")))
                .addValue("count", event.recurrence().count())
                .addValue("until", event.recurrence().until() == null ? null : Date.valueOf(event.recurrence().until())),
                row(event.seriesId()));
        skipped(event.seriesId(), event.practiceId(), event.skipped());
    }

    @EventHandler
    void on(SeriesExtendedEvent event) {
        skipped(event.seriesId(), event.practiceId(), event.skipped());
    }

    @EventHandler
    void on(SeriesEndedEvent event) {
        writes.update("update appointment_series_view set status = :status where series_id = :id",
                new MapSqlParameterSource("id", event.seriesId()).addValue("status", event.status().name()),
                row(event.seriesId()));
    }

    private void skipped(String seriesId, String practiceId, List<SkippedOccurrence> skipped) {
        for (SkippedOccurrence occurrence : skipped) {
            writes.update("""
                    insert into appointment_series_skipped (series_id, practice_id, start_at, problem)
                    values (:id, :practice, :start, :problem)
                    on conflict do nothing
                    """, new MapSqlParameterSource("id", seriesId).addValue("practice", practiceId)
                    .addValue("start", Timestamp.from(occurrence.start()))
                    .addValue("problem", occurrence.problem()),
                    "appointment_series_skipped:" + seriesId + "/" + occurrence.start());
        }
    }

    private static String row(String seriesId) {
        return "appointment_series_view:" + seriesId;
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from appointment_series_view");
        jdbc.getJdbcTemplate().update("delete from appointment_series_skipped");
    }

    Optional<SeriesView> series(String practiceId, String seriesId) {
        MapSqlParameterSource ids = new MapSqlParameterSource("practice", practiceId).addValue("id", seriesId);
        return jdbc.query("select * from appointment_series_view where practice_id = :practice and series_id = :id",
                ids, (rs, row) -> {
                    String days = rs.getString("days_of_week");
                    Date until = rs.getDate("until_date");
                    return new SeriesView(rs.getString("series_id"), rs.getString("patient_id"),
                            rs.getString("provider_id"), rs.getString("service_id"), Rows.instant(rs, "first_start"),
                            rs.getInt("every_weeks"), days.isEmpty() ? List.of()
                                    : Arrays.stream(days.split(",")).map(DayOfWeek::valueOf).toList(),
                            (Integer) rs.getObject("occurrences"), until == null ? null : until.toLocalDate(),
                            SeriesStatus.valueOf(rs.getString("status")), List.of(), List.of());
                }).stream().findFirst().map(series -> series.with(
                jdbc.query("""
                        select appointment_id, start_at, end_at, status from appointment_view
                        where series_id = :id and practice_id = :practice order by start_at, appointment_id
                        """, ids, (rs, row) -> new Occurrence(rs.getString("appointment_id"),
                        Rows.instant(rs, "start_at"), Rows.instant(rs, "end_at"),
                        AppointmentStatus.valueOf(rs.getString("status")))),
                jdbc.query("""
                        select start_at, problem from appointment_series_skipped where series_id = :id
                        order by start_at
                        """, ids, (rs, row) -> new SkippedOccurrence(Rows.instant(rs, "start_at"),
                        rs.getString("problem")))));
    }

    record Occurrence(String appointmentId, Instant start, Instant end, AppointmentStatus status) {
    }

    record SeriesView(String seriesId, String patientId, String providerId, String serviceId, Instant start,
                      int everyWeeks, List<DayOfWeek> daysOfWeek, Integer count, LocalDate until,
                      SeriesStatus status, List<Occurrence> appointments, List<SkippedOccurrence> skipped) {

        SeriesView with(List<Occurrence> appointments, List<SkippedOccurrence> skipped) {
            return new SeriesView(seriesId, patientId, providerId, serviceId, start, everyWeeks, daysOfWeek, count,
                    until, status, appointments, skipped);
        }

        @Override
        public String toString() {
            return "SeriesView[id=" + seriesId + ", status=" + status + "]";
        }
    }
}
