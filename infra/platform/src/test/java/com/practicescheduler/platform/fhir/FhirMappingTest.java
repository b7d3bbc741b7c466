package com.practicescheduler.platform.fhir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.param.DateParam;
import ca.uhn.fhir.rest.param.DateRangeParam;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.error.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.UUID;
import org.hl7.fhir.r4.model.Appointment;
import org.junit.jupiter.api.Test;

class FhirMappingTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aSlotIdNamesProviderServiceAndStartAndFitsAFhirId() {
        for (UUID provider : new UUID[]{new UUID(0, 0), new UUID(-1, -1), UUID.randomUUID(), UUID.randomUUID()}) {
            String service = UUID.randomUUID().toString();
            Instant start = Instant.parse("2026-12-01T14:15:00Z");
            FhirMapping.SlotKey key = new FhirMapping.SlotKey(provider.toString(), service, start);
            String id = key.id();
            assertThat(id).matches("[A-Za-z0-9\\-.]{1,64}");
            assertThat(FhirMapping.SlotKey.parse(id)).contains(key);
        }
        assertThat(FhirMapping.SlotKey.parse("not-a-slot")).isEmpty();
        assertThat(FhirMapping.SlotKey.parse("zzzzzzzzzzzzzzzzzzzzzz-zzzzzzzzzzzzzzzzzzzzzz-1")).as("over 128 bits")
                .isEmpty();
        assertThat(FhirMapping.SlotKey.encodable("provider-1")).isFalse();
    }

    @Test
    void ourStatusesMapToFhirsAndBack() {
        assertThat(FhirMapping.status(AppointmentStatus.BOOKED)).isEqualTo(Appointment.AppointmentStatus.BOOKED);
        assertThat(FhirMapping.status(AppointmentStatus.CHECKED_IN))
                .isEqualTo(Appointment.AppointmentStatus.CHECKEDIN);
        assertThat(FhirMapping.status(AppointmentStatus.COMPLETED)).isEqualTo(Appointment.AppointmentStatus.FULFILLED);
        assertThat(FhirMapping.status(AppointmentStatus.NO_SHOW)).isEqualTo(Appointment.AppointmentStatus.NOSHOW);
        assertThat(FhirMapping.statuses("cancelled")).isEqualTo(EnumSet.of(AppointmentStatus.CANCELLED,
                AppointmentStatus.LATE_CANCELLED, AppointmentStatus.RESCHEDULED));
        assertThat(FhirMapping.statuses("proposed")).isEmpty();
        assertThatThrownBy(() -> FhirMapping.statuses("BOOKED")).isInstanceOf(Refusal.class);
    }

    @Test
    void aDateSearchIsAnIntervalOfThePracticesDays() {
        Instant now = Instant.parse("2026-11-23T12:00:00Z");
        FhirDates.Window day = FhirDates.window("date", new DateRangeParam(new DateParam("ge2026-12-01"),
                new DateParam("le2026-12-01")), NEW_YORK, now, Duration.ofDays(7), Duration.ofDays(62));
        assertThat(day).isEqualTo(new FhirDates.Window(Instant.parse("2026-12-01T05:00:00Z"),
                Instant.parse("2026-12-02T05:00:00Z")));
        FhirDates.Window exclusive = FhirDates.window("date", new DateRangeParam(new DateParam("gt2026-12-01"),
                new DateParam("lt2026-12-03")), NEW_YORK, now, Duration.ofDays(7), Duration.ofDays(62));
        assertThat(exclusive).isEqualTo(new FhirDates.Window(Instant.parse("2026-12-02T05:00:00Z"),
                Instant.parse("2026-12-03T05:00:00Z")));
        assertThat(FhirDates.window("date", new DateRangeParam(new DateParam("2026-12-01")), NEW_YORK, now,
                Duration.ofDays(7), Duration.ofDays(62))).as("a day without prefix").isEqualTo(day);
        FhirDates.Window open = FhirDates.window("date", null, NEW_YORK, now, Duration.ofDays(7), Duration.ofDays(62));
        assertThat(open).isEqualTo(new FhirDates.Window(now, now.plus(Duration.ofDays(7))));
        assertThatThrownBy(() -> FhirDates.window("date", new DateRangeParam(new DateParam("ge2026-01-01"),
                new DateParam("le2026-12-31")), NEW_YORK, now, Duration.ofDays(7), Duration.ofDays(62)))
                .isInstanceOf(Refusal.class).hasMessageContaining("62 days");
    }
}
