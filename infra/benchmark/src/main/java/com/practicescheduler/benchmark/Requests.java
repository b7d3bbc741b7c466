package com.practicescheduler.benchmark;

import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;

/** The requests a staff app sends, with the practice's scheduler token; bookings are for a random patient. */
final class Requests {

    private static final String APPOINTMENTS = "/api/v1/appointments";

    private final Http http;
    private final Practice practice;

    Requests(Http http, Practice practice) {
        this.http = http;
        this.practice = practice;
    }

    Practice practice() {
        return practice;
    }

    /** Books the 30-minute service (no buffer) in {@code slot}. */
    Http.Answer book(Slots.Slot slot) {
        return http.post(practice.scheduler(), APPOINTMENTS, booking(slot));
    }

    /** The same booking sent without waiting for its answer, timed from {@code timedFrom} (System.nanoTime()). */
    CompletableFuture<Http.Answer> bookAsync(Slots.Slot slot, long timedFrom) {
        return http.postAsync(practice.scheduler(), APPOINTMENTS, booking(slot), timedFrom);
    }

    private Map<String, String> booking(Slots.Slot slot) {
        return Map.of("patientId", practice.patientIds().get(ThreadLocalRandom.current().nextInt(
                        practice.patientIds().size())), "providerId", slot.providerId(), "serviceId",
                bookedService(), "start", slot.start().toString());
    }

    Http.Answer cancel(String appointmentId) {
        return http.post(practice.scheduler(), APPOINTMENTS + "/" + appointmentId + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
    }

    Http.Answer calendar(String providerId, LocalDate from, LocalDate to) {
        return http.get(practice.scheduler(), "/api/v1/calendar?providerId=" + providerId + "&from=" + from
                + "&to=" + to);
    }

    /** Free slots of the 50-minute service (with its 10-minute buffer) of every provider, or of one. */
    Http.Answer availability(LocalDate from, LocalDate to, String providerId) {
        return availability(practice.serviceIds().get(0), from, to, providerId);
    }

    /** Free slots of the booked service: a booked slot's start is free there exactly when the booking is not seen. */
    Http.Answer bookedServiceAvailability(LocalDate day, String providerId) {
        return availability(bookedService(), day, day, providerId);
    }

    private Http.Answer availability(String serviceId, LocalDate from, LocalDate to, String providerId) {
        return http.get(practice.scheduler(), "/api/v1/availability?serviceId=" + serviceId
                + "&from=" + from + "&to=" + to + (providerId == null ? "" : "&providerId=" + providerId));
    }

    /** The 30-minute service without buffer: a 09:00–17:00 day holds 16 of its bookings ({@link Slots}). */
    private String bookedService() {
        return practice.serviceIds().get(1);
    }
}
