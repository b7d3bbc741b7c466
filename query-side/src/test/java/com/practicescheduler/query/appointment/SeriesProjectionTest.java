package com.practicescheduler.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesEndedEvent;
import com.practicescheduler.api.series.SeriesExtendedEvent;
import com.practicescheduler.api.series.SeriesOccurrence;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SkippedOccurrence;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The series read model against a real PostgreSQL with the real migrations. */
class SeriesProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant FIRST = Instant.parse("2027-06-08T14:00:00Z");
    private static final Instant SECOND = FIRST.plus(Duration.ofDays(7));
    private static final Instant THIRD = SECOND.plus(Duration.ofDays(7));

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final BatchedWrites writes = new BatchedWrites(db.named());
    private static final SeriesProjection series = new SeriesProjection(db.named(), writes);
    private static final AppointmentProjection appointments = new AppointmentProjection(db.named(), writes);

    @Test
    void aSeriesShowsItsRecurrenceItsOccurrencesWithTheirCurrentStatusAndWhatItSkipped() {
        SeriesBookedEvent booked = new SeriesBookedEvent("series-1", PRACTICE, "patient-1", "dr-a", "service-1",
                FIRST, new Recurrence(1, List.of(DayOfWeek.TUESDAY), null, null), "America/New_York",
                List.of(occurrence("appt-1", FIRST), occurrence("appt-3", THIRD)),
                List.of(new SkippedOccurrence(SECOND, "slot-unavailable")), THIRD, null);
        series.on(booked);
        series.on(booked); // redelivered: changes nothing
        appointments.on(appointment("appt-1", FIRST));
        appointments.on(appointment("appt-3", THIRD));
        appointments.on(new AppointmentCancelledEvent("appt-3", PRACTICE, "dr-a", CancellationReason.OTHER, null,
                false, THIRD, THIRD.plus(Duration.ofMinutes(50)), "patient-1"));
        Instant fourth = THIRD.plus(Duration.ofDays(7));
        SeriesExtendedEvent extended = new SeriesExtendedEvent("series-1", PRACTICE, "patient-1", List.of(),
                List.of(new SkippedOccurrence(fourth, "time-off")), fourth);
        series.on(extended);
        series.on(extended);
        series.on(new SeriesEndedEvent("series-1", PRACTICE, "patient-1", SeriesStatus.ENDED, THIRD));

        SeriesProjection.SeriesView view = series.series(PRACTICE, "series-1").orElseThrow();
        assertThat(view.status()).isEqualTo(SeriesStatus.ENDED);
        assertThat(view.everyWeeks()).isEqualTo(1);
        assertThat(view.daysOfWeek()).containsExactly(DayOfWeek.TUESDAY);
        assertThat(view.count()).isNull();
        assertThat(view.until()).isNull();
        assertThat(view.appointments()).extracting(SeriesProjection.Occurrence::appointmentId,
                        SeriesProjection.Occurrence::status)
                .containsExactly(org.assertj.core.api.Assertions.tuple("appt-1", AppointmentStatus.BOOKED),
                        org.assertj.core.api.Assertions.tuple("appt-3", AppointmentStatus.CANCELLED));
        assertThat(view.skipped()).containsExactly(new SkippedOccurrence(SECOND, "slot-unavailable"),
                new SkippedOccurrence(fourth, "time-off"));
        assertThat(series.series("practice-2", "series-1")).as("another practice").isEmpty();
    }

    @Test
    void aBoundedSeriesKeepsItsCountAndLastDay() {
        series.on(new SeriesBookedEvent("series-2", PRACTICE, "patient-1", "dr-a", "service-1", FIRST,
                new Recurrence(2, List.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY), 6, LocalDate.parse("2027-09-01")),
                "America/New_York", List.of(occurrence("appt-9", FIRST)), List.of(), FIRST, "fingerprint"));

        SeriesProjection.SeriesView view = series.series(PRACTICE, "series-2").orElseThrow();
        assertThat(view.everyWeeks()).isEqualTo(2);
        assertThat(view.daysOfWeek()).containsExactly(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY);
        assertThat(view.count()).isEqualTo(6);
        assertThat(view.until()).isEqualTo(LocalDate.parse("2027-09-01"));
        assertThat(view.status()).isEqualTo(SeriesStatus.ACTIVE);
    }

    @Test
    void aResetEmptiesIt() {
        series.on(new SeriesBookedEvent("series-3", PRACTICE, "patient-1", "dr-a", "service-1", FIRST,
                new Recurrence(1, List.of(), 1, null), "UTC", List.of(occurrence("appt-7", FIRST)),
                List.of(new SkippedOccurrence(SECOND, "time-off")), FIRST, null));

        series.reset();

        assertThat(db.count("appointment_series_view")).isZero();
        assertThat(db.count("appointment_series_skipped")).isZero();
    }

    private static SeriesOccurrence occurrence(String id, Instant start) {
        return new SeriesOccurrence(id, start, start.plus(Duration.ofMinutes(50)));
    }

    private static AppointmentBookedEvent appointment(String id, Instant start) {
        Instant end = start.plus(Duration.ofMinutes(50));
        return new AppointmentBookedEvent(id, PRACTICE, "patient-1", "dr-a", "service-1", start, end,
                end.plus(Duration.ofMinutes(10)), AppointmentSource.DIRECT, null, null, "series-1", null);
    }
}
