package com.practicescheduler.query.practice;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.api.practice.Modality;
import com.practicescheduler.api.practice.OfferStrategy;
import com.practicescheduler.api.practice.PracticeConfiguredEvent;
import com.practicescheduler.api.practice.PracticeSettings;
import com.practicescheduler.api.practice.ServiceDefinedEvent;
import com.practicescheduler.query.ReadModelDatabase;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.practice.PracticeProjection.ServiceView;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Practice settings and the service catalogue against a real PostgreSQL with the real migrations. */
class PracticeProjectionTest {

    private static final String PRACTICE = "practice-1";
    private static final Instant T0 = Instant.parse("2027-01-04T09:00:00Z");
    private static final PracticeSettings NEW_YORK_SETTINGS = new PracticeSettings("America/New_York", 30, 48,
            Duration.ofMinutes(90), OfferStrategy.BROADCAST, 60);

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final PracticeProjection practices =
            new PracticeProjection(db.jdbc(), new BatchedWrites(db.named()));

    @Test
    void anUnconfiguredPracticeHasTheDefaultSettings() {
        assertThat(practices.settings(PRACTICE)).isEqualTo(PracticeSettings.defaults());
    }

    @Test
    void configuredSettingsReadBackEqual() {
        practices.on(new PracticeConfiguredEvent(PRACTICE, NEW_YORK_SETTINGS));

        assertThat(practices.settings(PRACTICE)).isEqualTo(NEW_YORK_SETTINGS);
        assertThat(practices.settings("practice-2")).isEqualTo(PracticeSettings.defaults());
    }

    @Test
    void configuringAgainReplacesTheSettings() {
        practices.on(new PracticeConfiguredEvent(PRACTICE, NEW_YORK_SETTINGS));
        PracticeSettings berlin = new PracticeSettings("Europe/Berlin", 15, 12, Duration.ofHours(4),
                OfferStrategy.SEQUENTIAL, 365);

        practices.on(new PracticeConfiguredEvent(PRACTICE, berlin));

        assertThat(practices.settings(PRACTICE)).isEqualTo(berlin);
        assertThat(db.count("practice_settings_view")).isEqualTo(1);
    }

    @Test
    void servicesAreListedInOrderOfDefinitionAndRedeliveryChangesNothing() {
        ServiceDefinedEvent therapy = new ServiceDefinedEvent(PRACTICE, "svc-therapy", "Therapy", 50, 10,
                Modality.IN_PERSON);
        ServiceDefinedEvent checkIn = new ServiceDefinedEvent(PRACTICE, "svc-check-in", "Check-in", 15, 0,
                Modality.TELEHEALTH);
        practices.on(therapy, T0);
        practices.on(checkIn, T0.plusSeconds(60));
        practices.on(new ServiceDefinedEvent("practice-2", "svc-elsewhere", "Elsewhere", 30, 0, Modality.IN_PERSON),
                T0);

        practices.on(therapy, T0.plusSeconds(3600));

        assertThat(practices.services(PRACTICE)).containsExactly(
                new ServiceView("svc-therapy", "Therapy", 50, 10, Modality.IN_PERSON),
                new ServiceView("svc-check-in", "Check-in", 15, 0, Modality.TELEHEALTH));
        assertThat(practices.service(PRACTICE, "svc-check-in")).map(ServiceView::durationMinutes).contains(15);
        assertThat(practices.service(PRACTICE, "svc-elsewhere")).isEmpty();
    }

    @Test
    void aGroupServiceKeepsItsCapacityAndAServiceDefinedBeforeCapacitiesHasOneSeat() throws Exception {
        practices.on(new ServiceDefinedEvent(PRACTICE, "svc-group", "DBT skills group", 90, 15, Modality.IN_PERSON,
                8), T0);
        // as stored before group services existed: no capacity in the payload
        ServiceDefinedEvent old = com.fasterxml.jackson.databind.json.JsonMapper.builder().findAndAddModules().build()
                .readValue("""
                        {"practiceId":"practice-1","serviceId":"svc-old","name":"Therapy","durationMinutes":50,
                         "bufferMinutes":10,"modality":"IN_PERSON"}""", ServiceDefinedEvent.class);
        practices.on(old, T0.plusSeconds(60));

        assertThat(practices.services(PRACTICE)).extracting(ServiceView::id, ServiceView::capacity,
                        ServiceView::group)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("svc-group", 8, true),
                        org.assertj.core.groups.Tuple.tuple("svc-old", 1, false));
    }

    @Test
    void resetBringsBackTheDefaultsAndAnEmptyCatalogue() {
        practices.on(new PracticeConfiguredEvent(PRACTICE, NEW_YORK_SETTINGS));
        practices.on(new ServiceDefinedEvent(PRACTICE, "svc-therapy", "Therapy", 50, 10, Modality.IN_PERSON), T0);

        practices.reset();

        assertThat(practices.settings(PRACTICE)).isEqualTo(PracticeSettings.defaults());
        assertThat(practices.services(PRACTICE)).isEmpty();
    }
}
