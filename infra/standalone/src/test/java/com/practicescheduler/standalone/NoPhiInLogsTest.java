package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** Invariant 11: PHI never appears in application logs — also not when requests fail. */
@ExtendWith(OutputCaptureExtension.class)
class NoPhiInLogsTest extends IntegrationTest {

    private static final String FIRST = "Zephyrine";
    private static final String LAST = "Quillfeather";
    private static final String BIRTH = "1977-07-19";
    private static final String EMAIL = "zephyrine.q@example.org";
    private static final String PHONE = "+1 555 0199 777";

    /** A refusal is what the API is for, not a fault: one line, no stack trace, no id the client sent. */
    @Test
    void expectedRefusalsAreOneLineEachWithoutAStackTraceOrTheIdsSent(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        int before = output.getAll().length();

        assertThat(practice.book(s.patientId(), "provider-unknown-5512", s.serviceId(), "2026-12-01T11:00:00-05:00")
                .status()).isEqualTo(404);
        assertThat(practice.book(s.patientId(), s.providerId(), s.serviceId(), "2026-12-01T09:15:00-05:00")
                .status()).isEqualTo(409);
        assertThat(api.get(practice.scheduler, "/api/v1/appointments/appointment-unknown-5512").status())
                .isEqualTo(404);
        assertThat(api.post(practice.scheduler, "/api/v1/appointments/appointment-unknown-5512/cancel",
                Map.of("reason", "OTHER")).status()).isEqualTo(404);

        String logged = output.getAll().substring(before);
        assertThat(logged).contains("BookAppointmentCommand refused: not-found")
                .contains("BookAppointmentCommand refused: slot-unavailable");
        assertThat(logged.lines()).as("nothing at WARN or above, no stack frame")
                .noneMatch(line -> line.contains(" WARN ") || line.contains(" ERROR ") || line.startsWith("\tat ")
                        || line.contains("Exception"));
        assertThat(logged).doesNotContain("5512");
    }

    /** Messages to a patient (issue 19): neither the address nor the text reaches the logs. */
    @Test
    void messagesToAPatientLeaveNeitherAddressNorTextInTheLogs(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String email = "zephyrine.messages@example.org";
        String phone = "+1 555 0199 888";
        String patientId = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST,
                "lastName", LAST, "dateOfBirth", BIRTH, "email", email, "phone", phone)).id();
        api.put(practice.admin, "/api/v1/practice/notifications", Map.of("reminders", List.of("P1D"),
                "confirmations", true, "cancellations", true, "includeServiceName", true,
                "practiceName", "Quiet Harbor Therapy"));
        api.put(practice.scheduler, "/api/v1/patients/" + patientId + "/contact-preferences", Map.of("email", true,
                "sms", true, "reminders", true, "waitlistOffers", true));
        String appointment = practice.booked(patientId, s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/patients/" + patientId + "/messages").body().path("messages").size() == 4);
        clock.advance(java.time.Duration.ofMinutes(1));
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(email).size() == 1
                && TestOutbox.textsTo("+1 555 0199 888").size() == 1);
        api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "PATIENT_REQUEST"));
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.scheduler,
                "/api/v1/patients/" + patientId + "/messages").body().path("messages").size() == 6);
        clock.advance(java.time.Duration.ofMinutes(1));
        org.awaitility.Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(email).size() == 2);
        String text = TestOutbox.emailsTo(email).get(0).body();

        assertThat(text).contains("Quiet Harbor Therapy");
        for (String phi : List.of(FIRST, LAST, BIRTH, email, phone, "0199 888", text, "Quiet Harbor")) {
            assertThat(output.getAll()).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
        }
    }

    /** FHIR (ADR 18): reads of the patient and their appointments, and refusals that quote their data back. */
    @Test
    void fhirReadsAndRefusalsLeaveNoPatientDataInTheLogs(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String patientId = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST,
                "lastName", LAST, "dateOfBirth", BIRTH, "email", EMAIL, "phone", PHONE)).id();
        String appointment = practice.booked(patientId, s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        int before = output.getAll().length();
        assertThat(api.get(practice.scheduler, "/fhir/r4/Patient/" + patientId).text()).contains(LAST, BIRTH);
        assertThat(api.get(practice.compliance, "/fhir/r4/Appointment/" + appointment).status()).isEqualTo(200);
        assertThat(api.get(practice.scheduler, "/fhir/r4/Appointment?patient=Patient/" + patientId).status())
                .isEqualTo(200);
        assertThat(api.get(practice.analyst, "/fhir/r4/Patient/" + patientId).status()).isEqualTo(403);
        Map<String, Object> participants = Map.of("resourceType", "Appointment", "status", "booked",
                "participant", List.of(Map.of("actor", Map.of("reference", "Patient/" + patientId,
                        "display", FIRST + " " + LAST), "status", "accepted"),
                        Map.of("actor", Map.of("reference", "Practitioner/" + s.providerId()), "status", "accepted")),
                "slot", List.of(Map.of("reference", "Slot/" + LAST)));
        assertThat(api.post(practice.scheduler, "/fhir/r4/Appointment", participants).status()).isEqualTo(400);
        assertThat(api.post(practice.scheduler, "/fhir/r4/Appointment", "{\"resourceType\":\"Appointment\","
                + "\"status\":\"booked\",\"start\":\"" + BIRTH + "T" + LAST + "\",\"comment\":\"" + EMAIL + "\"}")
                .status()).isEqualTo(400);
        assertThat(api.post(practice.scheduler, "/fhir/r4/Appointment", "{\"resourceType\":\"Patient\",\"name\":"
                + "[{\"family\":\"" + LAST + "\"}],\"birthDate\":\"" + BIRTH + "\"}").status()).isEqualTo(400);
        assertThat(api.post(practice.scheduler, "/fhir/r4/Appointment", "{\"resourceType\":\"Appointment\",\""
                + LAST + "\":\"" + PHONE + "\"}").status()).isEqualTo(400);
        assertThat(api.post(practice.scheduler, "/fhir/r4/Appointment", "{\"resourceType\":\"Appointment\","
                + FIRST).status()).isEqualTo(400);

        String logged = output.getAll().substring(before);
        for (String phi : List.of(FIRST, LAST, BIRTH, EMAIL, PHONE, "0199 777")) {
            assertThat(logged).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
        }
    }

    @Test
    void aFullScenarioWithFailuresLeavesNoPatientDataInTheLogs(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        Api.Response patient = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST,
                "lastName", LAST, "dateOfBirth", BIRTH, "email", EMAIL, "phone", PHONE));
        String patientId = patient.id();
        String appointment = practice.booked(patientId, s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        practice.book(patientId, s.providerId(), s.serviceId(), "2026-12-01T09:15:00-05:00"); // 409
        api.get(practice.scheduler, "/api/v1/patients/" + patientId);
        api.get(practice.compliance, "/api/v1/appointments/" + appointment);
        api.get(practice.scheduler, "/api/v1/calendar?patientId=" + patientId + "&from=2026-12-01&to=2026-12-01");
        api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", patientId, "serviceId", s.serviceId(),
                "note", FIRST + " " + LAST + " prefers mornings, call " + PHONE));
        api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                Map.of("reason", "PATIENT_REQUEST", "note", FIRST + " called from " + PHONE));
        // refusals and malformed input that quote the patient's data back
        api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST, "lastName", LAST,
                "dateOfBirth", BIRTH, "email", FIRST + " at nowhere", "phone", "call " + LAST));
        api.post(practice.scheduler, "/api/v1/patients", "{\"firstName\":\"" + FIRST + "\",\"dateOfBirth\":\""
                + LAST + "\"}");
        api.post(practice.scheduler, "/api/v1/patients", "{\"firstName\":\"" + FIRST + "\"," + LAST);
        api.get(practice.analyst, "/api/v1/patients/" + patientId); // 403
        api.get(practice.compliance, "/api/v1/audit?patientId=" + patientId);
        api.get(practice.compliance, "/api/v1/audit/patients/" + patientId + "/timeline");
        api.get(practice.compliance, "/api/v1/audit/export?from=2026-01-01&to=2027-12-31");
        api.get(practice.compliance, "/api/v1/audit/verify");
        practice.book(patientId, "provider-unknown-7731", s.serviceId(), "2026-12-01T11:00:00-05:00");
        // group sessions: a seat taken, refused twice, read with the participants' names, freed, the session cancelled
        String group = GroupSessionsTest.groupService(practice, 2, api);
        String session = api.post(practice.scheduler, "/api/v1/group-sessions", Map.of("providerId",
                s.providerId(), "serviceId", group, "start", "2026-12-02T10:00:00-05:00")).id();
        String seat = api.post(practice.scheduler, "/api/v1/group-sessions/" + session + "/participants",
                Map.of("patientId", patientId)).body().path("appointmentId").asText();
        api.post(practice.scheduler, "/api/v1/group-sessions/" + session + "/participants",
                Map.of("patientId", patientId)); // 409 already-enrolled
        api.get(practice.compliance, "/api/v1/group-sessions/" + session);
        api.get(practice.analyst, "/api/v1/group-sessions/" + session); // 403
        api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/reschedule",
                Map.of("start", "2026-12-03T10:00:00-05:00")); // 409 invalid-transition
        api.post(practice.scheduler, "/api/v1/appointments/" + seat + "/cancel",
                Map.of("reason", "PATIENT_REQUEST", "note", FIRST + " has the flu, " + EMAIL));
        api.post(practice.scheduler, "/api/v1/group-sessions/" + session + "/cancel", Map.of("reason", "PRACTICE"));
        // a recurring series: previewed, refused for a conflict, booked, read and cancelled
        Map<String, Object> series = Map.of("patientId", patientId, "providerId", s.providerId(),
                "serviceId", s.serviceId(), "start", "2026-12-01T09:00:00-05:00",
                "recurrence", Map.of("everyWeeks", 1, "count", 3));
        api.post(practice.scheduler, "/api/v1/appointment-series/preview", series);
        api.post(practice.scheduler, "/api/v1/appointment-series", series); // 409 series-conflicts (Dec 1 is taken)
        String seriesId = api.post(practice.scheduler, "/api/v1/appointment-series", Map.of("patientId", patientId,
                "providerId", s.providerId(), "serviceId", s.serviceId(), "start", "2026-12-08T13:00:00-05:00",
                "recurrence", Map.of("count", 2))).id();
        api.get(practice.clinician(s.providerId()), "/api/v1/appointment-series/" + seriesId);
        api.post(practice.scheduler, "/api/v1/appointment-series/" + seriesId + "/cancel",
                Map.of("reason", "PATIENT_REQUEST", "from", "2026-12-08"));
        api.get(practice.compliance, "/api/v1/audit/patients/" + patientId + "/timeline");

        // the capture works: the refusals above are logged (without ids or data) ...
        assertThat(output.getAll()).contains("BookAppointmentCommand refused: not-found")
                .contains("BookAppointmentCommand refused: slot-unavailable")
                .contains("EnrolParticipantCommand refused: already-enrolled")
                .contains("BookSeriesCommand refused: series-conflicts");
        // ... and no name, birth date, email or phone of the patient is
        for (String phi : List.of(FIRST, LAST, BIRTH, EMAIL, PHONE, "0199 777")) {
            assertThat(output.getAll()).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
        }
    }

    /** Calendar feeds (ADR 19): neither the token of a feed's URL nor anything of a patient is logged. */
    @Test
    void calendarFeedsLogNeitherTheirTokenNorPatients(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        String patientId = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST,
                "lastName", LAST, "dateOfBirth", BIRTH, "email", EMAIL, "phone", PHONE)).id();
        practice.booked(patientId, s.providerId(), s.serviceId(), "2026-12-01T09:00:00-05:00");
        String feeds = "/api/v1/providers/" + s.providerId() + "/calendar-feeds";
        Api.Response created = api.post(practice.admin, feeds, null);
        assertThat(created.status()).isEqualTo(201);
        String path = CalendarFeedsTest.path(created.body().path("url").asText());
        String token = path.replaceAll(".*/|\\.ics$", "");

        assertThat(api.get(null, path).text()).contains("BEGIN:VEVENT").doesNotContain(LAST);
        api.post(null, path, null);
        api.post(practice.admin, path, null);
        api.get(null, path.replace(token, token.substring(1) + "x"));
        api.delete(practice.clinician("someone-else"), feeds + "/" + created.id());
        api.delete(practice.admin, feeds + "/" + created.id());
        assertThat(api.get(null, path).status()).isEqualTo(404);

        String logged = output.getAll();
        assertThat(logged).doesNotContain(token).doesNotContain(token.substring(1));
        for (String phi : List.of(FIRST, LAST, BIRTH, EMAIL, PHONE, "0199 777")) {
            assertThat(logged).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
        }
    }

    /** Webhook routes and deliveries, delivered and refused: neither the secret nor a payload nor PHI is logged. */
    @Test
    void webhooksLogNeitherTheirSecretNorTheirPayloads(CapturedOutput output) {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        try (WebhookReceiver receiver = new WebhookReceiver(500)) {
            Api.Response created = api.post(practice.admin, "/api/v1/webhooks", WebhookReceiver.subscription(
                    receiver.url(), "appointment.booked", "appointment.cancelled", "waitlist.entry-added"));
            assertThat(created.status()).isEqualTo(201);
            String secret = created.body().path("secret").asText();
            String patientId = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", FIRST,
                    "lastName", LAST, "dateOfBirth", BIRTH, "email", EMAIL, "phone", PHONE)).id();
            String appointment = practice.booked(patientId, s.providerId(), s.serviceId(),
                    "2026-12-01T09:00:00-05:00");
            api.post(practice.scheduler, "/api/v1/waitlist", Map.of("patientId", patientId, "serviceId",
                    s.serviceId(), "note", FIRST + " " + LAST + " prefers mornings"));
            api.post(practice.scheduler, "/api/v1/appointments/" + appointment + "/cancel",
                    Map.of("reason", "PATIENT_REQUEST", "note", FIRST + " called from " + PHONE));
            Awaitility.await().atMost(EVENTUALLY).until(() -> api.get(practice.admin, "/api/v1/webhooks/"
                    + created.id() + "/deliveries").body().findValuesAsText("lastStatus").contains("500"));
            clock.advance(java.time.Duration.ofMinutes(1));
            Awaitility.await().atMost(EVENTUALLY).until(() -> receiver.received().size() >= 4);
            api.get(practice.admin, "/api/v1/webhooks");
            api.get(practice.admin, "/api/v1/webhooks/" + created.id() + "/deliveries");
            api.post(practice.admin, "/api/v1/webhooks", Map.of("url", "http://localhost/" + FIRST,
                    "events", List.of(LAST)));
            api.delete(practice.admin, "/api/v1/webhooks/" + created.id());

            String logged = output.getAll();
            assertThat(logged).as("the failed attempt is logged").contains("attempt 1 answered 500");
            assertThat(logged).doesNotContain(secret.substring("whsec_".length()))
                    .doesNotContain("\"type\":\"appointment.").doesNotContain("\"data\":");
            for (WebhookReceiver.Received request : receiver.received()) {
                assertThat(logged).doesNotContain(request.signature().substring(3));
            }
            for (String phi : List.of(FIRST, LAST, BIRTH, EMAIL, PHONE, "0199 777")) {
                assertThat(logged).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
                assertThat(receiver.received()).extracting(WebhookReceiver.Received::body).as("payloads")
                        .noneMatch(body -> body.toLowerCase().contains(phi.toLowerCase()));
            }
        }
    }
}
