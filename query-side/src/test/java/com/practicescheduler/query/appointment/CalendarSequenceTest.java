package com.practicescheduler.query.appointment;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a calendar feed reads of appointments (ADR 19): one event per reschedule chain, its UID and SEQUENCE. */
class CalendarSequenceTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant START = Instant.parse("2027-03-08T22:00:00Z");
    private static final Instant FROM = START.minus(Duration.ofDays(30));
    private static final Instant TO = START.plus(Duration.ofDays(30));

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final AppointmentProjection appointments = new AppointmentProjection(db.named(),
            new BatchedWrites(db.named()));

    private static AppointmentBookedEvent booked(String id, Instant start, String rescheduledFrom) {
        return new AppointmentBookedEvent(id, PRACTICE, "patient-1", "dr-a", "service-1", start,
                start.plus(Duration.ofMinutes(50)), start.plus(Duration.ofMinutes(60)), AppointmentSource.DIRECT,
                rescheduledFrom, null);
    }

    private static List<AppointmentProjection.FeedEntry> feed() {
        return appointments.feed(PRACTICE, "dr-a", FROM, TO, 100);
    }

    @Test
    void aRescheduleChainIsOneEventUnderItsFirstIdWithEveryChangeCounted() {
        appointments.on(booked("a1", START, null));
        assertThat(feed()).singleElement().satisfies(entry -> {
            assertThat(entry.uid()).isEqualTo("a1");
            assertThat(entry.sequence()).isZero();
        });

        appointments.on(new AppointmentRescheduledEvent("a1", PRACTICE, "a2"));
        appointments.on(booked("a2", START.plus(Duration.ofDays(1)), "a1"));
        AppointmentProjection.FeedEntry moved = feed().get(0);
        assertThat(feed()).hasSize(1);
        assertThat(moved.uid()).isEqualTo("a1");
        assertThat(moved.start()).isEqualTo(START.plus(Duration.ofDays(1)));

        appointments.on(new AppointmentRescheduledEvent("a2", PRACTICE, "a3"));
        appointments.on(booked("a3", START.plus(Duration.ofDays(2)), "a2"));
        AppointmentProjection.FeedEntry movedAgain = feed().get(0);
        assertThat(movedAgain.uid()).isEqualTo("a1");
        assertThat(movedAgain.sequence()).isGreaterThan(moved.sequence());

        appointments.on(new AppointmentVisitStepRecordedEvent("a3", PRACTICE, VisitStep.CHECK_IN,
                AppointmentStatus.CHECKED_IN, "patient-1"));
        AppointmentProjection.FeedEntry checkedIn = feed().get(0);
        assertThat(checkedIn.sequence()).isGreaterThan(movedAgain.sequence());

        appointments.on(new AppointmentCancelledEvent("a3", PRACTICE, "dr-a", CancellationReason.OTHER, null,
                false, START, START, "patient-1"));
        assertThat(feed()).singleElement().satisfies(entry -> {
            assertThat(entry.uid()).isEqualTo("a1");
            assertThat(entry.status()).isEqualTo(AppointmentStatus.CANCELLED);
            assertThat(entry.sequence()).isGreaterThan(checkedIn.sequence());
        });
    }

    @Test
    void theMigrationGivesRowsProjectedBeforeItTheirChainAndCountsAsTheProjectionWould() throws Exception {
        appointments.on(booked("b1", START, null));
        appointments.on(new AppointmentRescheduledEvent("b1", PRACTICE, "b2"));
        appointments.on(booked("b2", START.plus(Duration.ofDays(1)), "b1"));
        appointments.on(new AppointmentCancelledEvent("b2", PRACTICE, "dr-a", CancellationReason.OTHER, null,
                false, START, START, "patient-1"));
        appointments.on(booked("c1", START.plus(Duration.ofHours(2)), null));
        List<String> projected = db.rows("appointment_view");
        // as before V3.71: no chain, no count
        db.jdbc().update("update appointment_view set calendar_uid = null, calendar_sequence = 0");

        String migration = Files.readString(Path.of(
                "src/main/resources/db/migration/query/V3.71__appointment_calendar_sequence.sql"));
        db.jdbc().update(migration.substring(migration.indexOf("with recursive")));

        assertThat(db.rows("appointment_view")).containsExactlyInAnyOrderElementsOf(projected);
    }
}
