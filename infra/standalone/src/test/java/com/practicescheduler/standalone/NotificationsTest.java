package com.practicescheduler.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Reaching patients (issue 19): the practice's notification settings, the patient's consent, and messages sent once,
 * at their time, on the channels the patient allowed, through a real SMTP server and an HTTP SMS gateway.
 * NOW is Monday 2026-11-23 07:00 in New York.
 */
class NotificationsTest extends IntegrationTest {

    /** Wednesday 10:00 in New York. */
    private static final String WEDNESDAY_10 = "2026-11-25T10:00:00-05:00";

    @Test
    void theAdministratorSetsRemindersQuietHoursAndWhatAMessageMayNameAndStaffReadThem() {
        PracticeFixture practice = newPractice();
        assertThat(api.get(practice.scheduler, "/api/v1/practice/notifications").body().path("reminders")
                .toString()).as("the default").isEqualTo("[\"P2D\",\"PT2H\"]");

        Api.Response put = api.put(practice.admin, "/api/v1/practice/notifications", Map.of(
                "reminders", List.of("P2D", "PT2H"), "quietHours", Map.of("start", "20:00", "end", "08:00"),
                "includeServiceName", false));

        assertThat(put.status()).as(put.toString()).isEqualTo(200);
        for (String token : List.of(practice.scheduler, practice.analyst, practice.compliance, practice.admin)) {
            JsonNode read = api.get(token, "/api/v1/practice/notifications").body();
            assertThat(read.path("reminders").toString()).isEqualTo("[\"P2D\",\"PT2H\"]");
            assertThat(read.path("quietHours").path("start").asText()).isEqualTo("20:00");
            assertThat(read.path("quietHours").path("end").asText()).isEqualTo("08:00");
            assertThat(read.path("includeServiceName").asBoolean()).isFalse();
            assertThat(read.path("confirmations").asBoolean()).isFalse();
        }
        assertThat(api.put(practice.scheduler, "/api/v1/practice/notifications", Map.of("reminders", List.of()))
                .status()).as("only an administrator writes them").isEqualTo(403);
    }

    @Test
    void remindersAreBounded() {
        PracticeFixture practice = newPractice();
        for (Object reminders : List.of(List.of("PT5M"), List.of("P15D"), List.of("P1D", "P1D"),
                List.of("P1D", "P2D", "P3D", "P4D", "P5D", "P6D"), List.of("tomorrow"))) {
            Api.Response response = api.put(practice.admin, "/api/v1/practice/notifications",
                    Map.of("reminders", reminders));
            assertThat(response.status()).as(reminders + ": " + response).isEqualTo(400);
            assertThat(response.body().path("type").asText()).isEqualTo("/problems/validation-failed");
        }
        assertThat(api.put(practice.admin, "/api/v1/practice/notifications",
                Map.of("quietHours", Map.of("start", "25:00", "end", "08:00"))).status()).isEqualTo(400);
    }

    @Test
    void consentIsRecordedWithWhoAndWhenAndAnotherPracticesPatientIsNotFound() {
        PracticeFixture practice = newPractice();
        String patientId = practice.standard().patientId();

        Api.Response response = api.put(practice.scheduler, "/api/v1/patients/" + patientId
                + "/contact-preferences", Map.of("email", true, "sms", false, "reminders", true,
                "waitlistOffers", true));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.body().path("setBy").asText()).isEqualTo("user-scheduler");
        assertThat(Instant.parse(response.body().path("setAt").asText())).isEqualTo(NOW);
        // the timeline is the audit processor's, which follows the stream closely but not within the answer
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit/patients/" + patientId + "/timeline").body().toString())
                .contains("ContactPreferencesSet").contains("user-scheduler"));
        PracticeFixture other = newPractice();
        assertThat(api.put(other.scheduler, "/api/v1/patients/" + patientId + "/contact-preferences",
                Map.of("email", true, "sms", true, "reminders", true, "waitlistOffers", true)).status())
                .isEqualTo(404);
        assertThat(api.put(practice.scheduler, "/api/v1/patients/" + patientId + "/contact-preferences",
                Map.of("email", true)).status()).as("consent is never assumed").isEqualTo(400);
        assertThat(api.put(practice.compliance, "/api/v1/patients/" + patientId + "/contact-preferences",
                Map.of("email", true, "sms", true, "reminders", true, "waitlistOffers", true)).status())
                .isEqualTo(403);
    }

    @Test
    void eachReminderGoesOutOnceAtItsTimeOnEveryChannelThePatientAllowedWithTheMinimumItMaySay() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        configure(practice, Map.of("reminders", List.of("P1D", "PT2H"), "includeServiceName", true,
                "practiceName", "Lakeside Counseling"));
        Patient patient = patient(practice, "Hortensia", true, true);
        String appointment = practice.booked(patient.id, s.providerId(), s.serviceId(), WEDNESDAY_10);

        List<JsonNode> planned = awaitMessages(practice, patient.id, 4);
        assertThat(planned).allSatisfy(m -> {
            assertThat(m.path("kind").asText()).isEqualTo("REMINDER");
            assertThat(m.path("status").asText()).isEqualTo("SCHEDULED");
            assertThat(m.path("appointmentId").asText()).isEqualTo(appointment);
        });
        assertThat(planned).extracting(m -> OffsetDateTime.parse(m.path("scheduledFor").asText()).toInstant())
                .containsExactlyInAnyOrder(Instant.parse("2026-11-24T15:00:00Z"), Instant.parse("2026-11-24T15:00:00Z"),
                        Instant.parse("2026-11-25T13:00:00Z"), Instant.parse("2026-11-25T13:00:00Z"));
        assertThat(TestOutbox.emailsTo(patient.email)).isEmpty();

        clock.set(Instant.parse("2026-11-24T15:00:00Z"));

        Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(patient.email).size() == 1
                && TestOutbox.textsTo(patient.phone).size() == 1);
        TestOutbox.Email email = TestOutbox.emailsTo(patient.email).get(0);
        assertThat(email.from()).isEqualTo(TestOutbox.FROM);
        assertThat(email.subject()).contains("Lakeside Counseling");
        assertThat(email.body()).contains("Lakeside Counseling", "Dr. Ana Ruiz", "Wednesday, November 25, 2026",
                "10:00 AM EST", "Individual therapy").doesNotContain("Hortensia");
        TestOutbox.Sms sms = TestOutbox.textsTo(patient.phone).get(0);
        assertThat(sms.authorized()).isTrue();
        assertThat(sms.body()).isEqualTo(email.body());
        Awaitility.await().atMost(EVENTUALLY).until(() -> statuses(practice, patient.id).stream()
                .filter("SENT"::equals).count() == 2);

        clock.set(Instant.parse("2026-11-25T13:00:00Z"));
        Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(patient.email).size() == 2
                && TestOutbox.textsTo(patient.phone).size() == 2);
        clock.set(Instant.parse("2026-11-25T14:30:00Z"));
        Awaitility.await().atMost(EVENTUALLY).until(() -> statuses(practice, patient.id).stream()
                .filter("SENT"::equals).count() == 4);
        assertThat(TestOutbox.emailsTo(patient.email)).as("each once").hasSize(2);
        assertThat(TestOutbox.textsTo(patient.phone)).hasSize(2);

        // every message sent is a disclosure in the audit trail: kind, channel, patient
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            JsonNode entries = api.get(practice.compliance, "/api/v1/audit?patientId=" + patient.id
                    + "&actor=system").body().path("entries");
            assertThat(StreamSupport.stream(entries.spliterator(), false).map(e -> e.path("action").asText()))
                    .containsExactlyInAnyOrder("SendMessage:REMINDER:EMAIL", "SendMessage:REMINDER:EMAIL",
                            "SendMessage:REMINDER:SMS", "SendMessage:REMINDER:SMS");
        });
    }

    @Test
    void aReminderDueInQuietHoursWaitsForTheirEndAndOnlyAllowedChannelsAreUsed() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        configure(practice, Map.of("reminders", List.of("PT2H"),
                "quietHours", Map.of("start", "20:00", "end", "08:00")));
        Patient patient = patient(practice, "Ignatia", true, false);

        practice.booked(patient.id, s.providerId(), s.serviceId(), "2026-11-25T09:00:00-05:00");

        List<JsonNode> planned = awaitMessages(practice, patient.id, 1);
        assertThat(planned.get(0).path("channel").asText()).as("no consent for SMS").isEqualTo("EMAIL");
        assertThat(planned.get(0).path("scheduledFor").asText()).as("07:00 is quiet: 08:00")
                .isEqualTo("2026-11-25T08:00:00-05:00");
    }

    @Test
    void aPatientWhoConsentedToNothingGetsNothing() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        configure(practice, Map.of("reminders", List.of("PT2H"), "confirmations", true));
        practice.booked(s.patientId(), s.providerId(), s.serviceId(), WEDNESDAY_10);
        awaitProjectionsCaughtUp(practice);
        awaitNotificationsCaughtUp(practice, s.patientId());

        assertThat(api.get(practice.scheduler, "/api/v1/patients/" + s.patientId() + "/messages").body()
                .path("messages")).isEmpty();
    }

    /**
     * Booked at once, the three bookings usually reach the notifications processor in one batch (it gathers events
     * for up to 250 ms under load), which reads the consents of all its patients together: each still gets what
     * their own consent allows.
     */
    @Test
    void bookingsHandledTogetherEachFollowTheirOwnPatientsConsent() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        configure(practice, Map.of("reminders", List.of("PT2H"), "confirmations", true));
        Patient emailOnly = patient(practice, "Imelda", true, false);
        Patient textOnly = patient(practice, "Jonas", false, true);

        List.of(CompletableFuture.runAsync(() -> practice.booked(emailOnly.id, s.providerId(), s.serviceId(),
                        WEDNESDAY_10)),
                CompletableFuture.runAsync(() -> practice.booked(textOnly.id, s.providerId(), s.serviceId(),
                        "2026-11-25T12:00:00-05:00")),
                CompletableFuture.runAsync(() -> practice.booked(s.patientId(), s.providerId(), s.serviceId(),
                        "2026-11-25T14:00:00-05:00"))).forEach(CompletableFuture::join);

        assertThat(awaitMessages(practice, emailOnly.id, 2)).as("a reminder and a confirmation")
                .allSatisfy(m -> assertThat(m.path("channel").asText()).isEqualTo("EMAIL"));
        assertThat(awaitMessages(practice, textOnly.id, 2))
                .allSatisfy(m -> assertThat(m.path("channel").asText()).isEqualTo("SMS"));
        awaitNotificationsCaughtUp(practice, s.patientId());
        assertThat(messages(practice, s.patientId())).as("consented to nothing").isEmpty();
    }

    @Test
    void cancellingOrMovingAnAppointmentTakesItsRemindersAlongAndAnnouncesItWhenThePracticeWants() {
        PracticeFixture practice = newPractice();
        PracticeFixture.Setup s = practice.standard();
        configure(practice, Map.of("reminders", List.of("P1D"), "confirmations", true, "cancellations", true));
        Patient patient = patient(practice, "Eulalia", true, false);
        String moved = practice.booked(patient.id, s.providerId(), s.serviceId(), WEDNESDAY_10);

        // the confirmation goes out at once, the reminder waits; the test's clock stands still, so time is moved on
        // a little, as it would pass (the deadline poller waits for its clock to move)
        awaitPlanned(practice, patient.id, "CONFIRMATION", 1);
        clock.advance(Duration.ofMinutes(1));
        Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(patient.email).size() == 1);
        assertThat(TestOutbox.emailsTo(patient.email).get(0).body()).contains("is booked");

        Api.Response rescheduled = api.post(practice.scheduler, "/api/v1/appointments/" + moved + "/reschedule",
                Map.of("start", "2026-11-26T11:00:00-05:00"));
        assertThat(rescheduled.status()).as(rescheduled.toString()).isEqualTo(200);
        String successor = rescheduled.body().path("id").asText();
        awaitPlanned(practice, patient.id, "CONFIRMATION", 2);
        clock.advance(Duration.ofMinutes(1));
        Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(patient.email).size() == 2);
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> {
            List<JsonNode> messages = messages(practice, patient.id);
            assertThat(messages).filteredOn(m -> m.path("appointmentId").asText().equals(moved))
                    .filteredOn(m -> m.path("kind").asText().equals("REMINDER"))
                    .extracting(m -> m.path("status").asText()).containsExactly("CANCELLED");
            assertThat(messages).filteredOn(m -> m.path("appointmentId").asText().equals(successor))
                    .filteredOn(m -> m.path("kind").asText().equals("REMINDER"))
                    .extracting(m -> m.path("scheduledFor").asText()).containsExactly("2026-11-25T11:00:00-05:00");
        });

        assertThat(api.post(practice.scheduler, "/api/v1/appointments/" + successor + "/cancel",
                Map.of("reason", "PATIENT_REQUEST")).status()).isEqualTo(200);
        awaitPlanned(practice, patient.id, "CANCELLATION", 1);
        clock.advance(Duration.ofMinutes(1));

        Awaitility.await().atMost(EVENTUALLY).until(() -> TestOutbox.emailsTo(patient.email).stream()
                .anyMatch(email -> email.body().contains("has been cancelled")));
        clock.set(Instant.parse("2026-11-26T15:00:00Z"));
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(messages(practice, patient.id))
                .filteredOn(m -> m.path("kind").asText().equals("REMINDER"))
                .extracting(m -> m.path("status").asText()).containsOnly("CANCELLED"));
        assertThat(TestOutbox.emailsTo(patient.email)).extracting(TestOutbox.Email::subject)
                .as("two confirmations (booked, moved) and the cancellation; no reminder")
                .hasSize(3).noneMatch(subject -> subject.contains("reminder"));
    }

    @Test
    void aPatientsMessagesAreReadLikeThePatientAndEachReadIsAudited() {
        PracticeFixture practice = newPractice();
        String patientId = practice.standard().patientId();

        assertThat(api.get(practice.scheduler, "/api/v1/patients/" + patientId + "/messages").status())
                .isEqualTo(200);
        assertThat(api.get(practice.analyst, "/api/v1/patients/" + patientId + "/messages").status())
                .isEqualTo(403);
        assertThat(api.get(newPractice().scheduler, "/api/v1/patients/" + patientId + "/messages").status())
                .isEqualTo(404);
        Awaitility.await().atMost(EVENTUALLY).untilAsserted(() -> assertThat(api.get(practice.compliance,
                "/api/v1/audit?patientId=" + patientId + "&action=ReadPatientMessages").body().path("entries"))
                .hasSize(1));
    }

    private record Patient(String id, String email, String phone) {
    }

    private Patient patient(PracticeFixture practice, String firstName, boolean email, boolean sms) {
        String unique = UUID.randomUUID().toString().substring(0, 8);
        String address = firstName.toLowerCase() + "." + unique + "@example.org";
        String phone = "+1555" + (1_000_000 + Math.abs(unique.hashCode() % 8_999_999));
        Api.Response registered = api.post(practice.scheduler, "/api/v1/patients", Map.of("firstName", firstName,
                "lastName", "Testpatient", "dateOfBirth", "1980-03-04", "email", address, "phone", phone));
        assertThat(registered.status()).as(registered.toString()).isEqualTo(201);
        Api.Response consent = api.put(practice.scheduler, "/api/v1/patients/" + registered.id()
                + "/contact-preferences", Map.of("email", email, "sms", sms, "reminders", true,
                "waitlistOffers", true));
        assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
        return new Patient(registered.id(), address, phone);
    }

    private void configure(PracticeFixture practice, Map<String, Object> settings) {
        Api.Response response = api.put(practice.admin, "/api/v1/practice/notifications", settings);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
    }

    private List<JsonNode> messages(PracticeFixture practice, String patientId) {
        Api.Response response = api.get(practice.scheduler, "/api/v1/patients/" + patientId + "/messages");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return StreamSupport.stream(response.body().path("messages").spliterator(), false).toList();
    }

    private List<String> statuses(PracticeFixture practice, String patientId) {
        return messages(practice, patientId).stream().map(m -> m.path("status").asText()).toList();
    }

    private List<JsonNode> awaitMessages(PracticeFixture practice, String patientId, int count) {
        return Awaitility.await().atMost(EVENTUALLY).until(() -> messages(practice, patientId),
                messages -> messages.size() == count);
    }

    private void awaitPlanned(PracticeFixture practice, String patientId, String kind, int count) {
        Awaitility.await().atMost(EVENTUALLY).until(() -> messages(practice, patientId).stream()
                .filter(m -> m.path("kind").asText().equals(kind)).count() == count);
    }

    /** The notifications processor has handled everything before: a booking of a consenting patient shows. */
    private void awaitNotificationsCaughtUp(PracticeFixture practice, String unusedPatientId) {
        PracticeFixture.Setup s = practice.standard();
        Patient witness = patient(practice, "Witness", true, false);
        practice.booked(witness.id, s.providerId(), s.serviceId(), "2026-11-27T10:00:00-05:00");
        awaitMessages(practice, witness.id, 2);
    }
}
