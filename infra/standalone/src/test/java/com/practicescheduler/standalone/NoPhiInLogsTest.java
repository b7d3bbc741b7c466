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

        // the capture works: the refusals above are logged (without ids or data) ...
        assertThat(output.getAll()).contains("BookAppointmentCommand refused: not-found")
                .contains("BookAppointmentCommand refused: slot-unavailable");
        // ... and no name, birth date, email or phone of the patient is
        for (String phi : List.of(FIRST, LAST, BIRTH, EMAIL, PHONE, "0199 777")) {
            assertThat(output.getAll()).as("logs mention %s", phi).doesNotContainIgnoringCase(phi);
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
