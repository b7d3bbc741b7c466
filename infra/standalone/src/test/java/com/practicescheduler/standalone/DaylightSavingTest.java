package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Working hours are local time: 09:00 stays 09:00 when New York moves its clocks (14 March 2027). */
class DaylightSavingTest extends IntegrationTest {

    @Test
    void availabilityAndBookingKeepLocalTimesAcrossTheSpringForwardChange() {
        PracticeFixture practice = newPractice();
        practice.settings("America/New_York");
        String service = practice.service(50, 10);
        String provider = practice.provider();
        practice.hours(provider, "09:00", "10:00", "MONDAY");
        String patient = practice.patient("Grace", "Hopper");

        List<String> starts = new ArrayList<>();
        api.get(practice.scheduler, "/api/v1/availability?serviceId=" + service + "&from=2027-03-08&to=2027-03-15")
                .body().path("slots").forEach(slot -> starts.add(slot.path("start").asText()));

        // before the change the offset is -05:00, after it -04:00; the wall-clock time is 09:00 both times
        assertThat(starts).containsExactly("2027-03-08T09:00:00-05:00", "2027-03-15T09:00:00-04:00");
        assertThat(practice.book(patient, provider, service, "2027-03-15T09:00:00-04:00").status()).isEqualTo(201);
        // 09:00 at the winter offset is 10:00 local after the change: outside working hours
        assertThat(practice.book(patient, provider, service, "2027-03-22T09:00:00-05:00").slug())
                .isEqualTo("outside-working-hours");
    }
}
