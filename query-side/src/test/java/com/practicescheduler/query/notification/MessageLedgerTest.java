package com.practicescheduler.query.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.practicescheduler.query.ReadModelDatabase;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The send ledger against a real PostgreSQL with the real migrations: planned once, claimed once. */
class MessageLedgerTest {

    private static final Instant NOW = Instant.parse("2027-01-04T09:00:00Z");
    private static final Instant START = Instant.parse("2027-01-06T15:00:00Z");

    @RegisterExtension
    static final ReadModelDatabase db = ReadModelDatabase.migrated();
    private static final MessageLedger ledger = new MessageLedger(db.jdbc());

    @BeforeEach
    void empty() {
        db.jdbc().update("delete from patient_message");
    }

    private static MessageLedger.Message reminder(String id, String appointmentId) {
        return new MessageLedger.Message(id, "REMINDER:" + appointmentId + ":PT2H:EMAIL", "practice-1", "patient-1",
                MessageKind.REMINDER, Channel.EMAIL, START.minusSeconds(7200), appointmentId, null, "provider-1",
                "service-1", START);
    }

    @Test
    void theSameMessagePlannedTwiceIsOneRow() {
        assertThat(ledger.plan(reminder("m-1", "a-1"), NOW)).isTrue();
        assertThat(ledger.plan(reminder("m-2", "a-1"), NOW)).as("same ledger key, another id").isFalse();

        assertThat(ledger.ofPatient("practice-1", "patient-1")).extracting(e -> e.message().id())
                .containsExactly("m-1");
    }

    @Test
    void aMessageIsClaimedForSendingOnceOnly() {
        ledger.plan(reminder("m-1", "a-1"), NOW);

        assertThat(ledger.claim("m-1")).isPresent();
        assertThat(ledger.claim("m-1")).as("a second deadline or node finds it taken").isEmpty();
        ledger.finish("m-1", MessageLedger.Status.SENT, NOW, null);
        assertThat(ledger.claim("m-1")).isEmpty();
        assertThat(ledger.ofPatient("practice-1", "patient-1").get(0).status()).isEqualTo(MessageLedger.Status.SENT);
    }

    @Test
    void cancellingAnAppointmentCancelsOnlyItsUnsentMessages() {
        ledger.plan(reminder("m-1", "a-1"), NOW);
        ledger.plan(reminder("m-2", "a-2"), NOW);
        ledger.plan(new MessageLedger.Message("m-3", "CONFIRMATION:a-1:EMAIL", "practice-1", "patient-1",
                MessageKind.CONFIRMATION, Channel.EMAIL, NOW, "a-1", null, "provider-1", "service-1", START), NOW);
        ledger.claim("m-3");
        ledger.finish("m-3", MessageLedger.Status.SENT, NOW, null);

        assertThat(ledger.cancelScheduled("a-1", "the appointment was cancelled")).isEqualTo(1);

        assertThat(ledger.claim("m-1")).as("a cancelled message is never claimed").isEmpty();
        assertThat(ledger.ofPatient("practice-1", "patient-1"))
                .extracting(e -> e.message().id() + " " + e.status())
                .containsExactlyInAnyOrder("m-1 CANCELLED", "m-2 SCHEDULED", "m-3 SENT");
        assertThat(ledger.ofPatient("practice-2", "patient-1")).as("another practice sees nothing").isEmpty();
    }
}
