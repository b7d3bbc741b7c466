package com.practicescheduler.command.appointment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.api.series.Recurrence;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.series.SeriesEndedEvent;
import com.practicescheduler.api.series.SeriesExtendedEvent;
import com.practicescheduler.api.series.SeriesOccurrence;
import com.practicescheduler.api.series.SeriesStatus;
import com.practicescheduler.api.series.SkippedOccurrence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * A recurring series: what it repeats, which occurrences it booked (each an {@link Appointment} with its own
 * status) and whether it is still active. It decides nothing about time: each occurrence's time is decided by the
 * provider's {@code ProviderSchedule} in the same unit of work ({@link SeriesCommandHandler}).
 */
@Aggregate
public class AppointmentSeries {

    @AggregateIdentifier
    private String seriesId;
    private String practiceId;
    private String patientId;
    private String providerId;
    private String serviceId;
    private Instant start;
    private Recurrence recurrence;
    /** The practice's zone when the series was booked: its occurrences keep their local time in it. */
    private String timeZone;
    private String requestFingerprint;
    private SeriesStatus status;
    private Instant plannedThrough;
    /** Every occurrence booked, first those of the booking, then those of extensions. */
    private final List<SeriesOccurrence> occurrences = new ArrayList<>();
    private List<SeriesOccurrence> firstBooked = List.of();
    private List<SkippedOccurrence> firstSkipped = List.of();
    /** Every occurrence that could not be booked, with its problem. */
    private final List<SkippedOccurrence> skipped = new ArrayList<>();

    protected AppointmentSeries() {
        // for Axon
    }

    /** Creates the series; the caller reserved and booked its occurrences in the same unit of work. */
    AppointmentSeries(SeriesBookedEvent booked) {
        apply(booked);
    }

    void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Series " + seriesId);
        }
    }

    private void requireActive() {
        if (status != SeriesStatus.ACTIVE) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "The series is " + status);
        }
    }

    /** Records the occurrences an extension booked and skipped; nothing when it considered none. */
    void extend(List<SeriesOccurrence> booked, List<SkippedOccurrence> skipped, Instant through) {
        requireActive();
        if (booked.isEmpty() && skipped.isEmpty()) {
            return;
        }
        apply(new SeriesExtendedEvent(seriesId, practiceId, patientId, booked, skipped, through));
    }

    /** Ends the series after its occurrences from {@code from} on were cancelled. */
    void end(boolean anyLeft, Instant from) {
        requireActive();
        apply(new SeriesEndedEvent(seriesId, practiceId, patientId,
                anyLeft ? SeriesStatus.ENDED : SeriesStatus.CANCELLED, from));
    }

    /** Whether the series still books itself as the booking horizon moves. */
    boolean extendsItself() {
        return status == SeriesStatus.ACTIVE && recurrence.openEnded();
    }

    String seriesId() {
        return seriesId;
    }

    String patientId() {
        return patientId;
    }

    String providerId() {
        return providerId;
    }

    String serviceId() {
        return serviceId;
    }

    Instant start() {
        return start;
    }

    Recurrence recurrence() {
        return recurrence;
    }

    String timeZone() {
        return timeZone;
    }

    Instant plannedThrough() {
        return plannedThrough;
    }

    SeriesStatus status() {
        return status;
    }

    String requestFingerprint() {
        return requestFingerprint;
    }

    List<SeriesOccurrence> occurrences() {
        return List.copyOf(occurrences);
    }

    /** What the booking booked and skipped: the answer a repeated idempotent request gets again. */
    List<SeriesOccurrence> firstBooked() {
        return firstBooked;
    }

    List<SkippedOccurrence> firstSkipped() {
        return firstSkipped;
    }

    List<SkippedOccurrence> skipped() {
        return List.copyOf(skipped);
    }

    @EventSourcingHandler
    void on(SeriesBookedEvent event) {
        seriesId = event.seriesId();
        practiceId = event.practiceId();
        patientId = event.patientId();
        providerId = event.providerId();
        serviceId = event.serviceId();
        start = event.start();
        recurrence = event.recurrence();
        timeZone = event.timeZone();
        requestFingerprint = event.requestFingerprint();
        plannedThrough = event.plannedThrough();
        occurrences.addAll(event.booked());
        firstBooked = event.booked();
        firstSkipped = event.skipped();
        skipped.addAll(event.skipped());
        status = SeriesStatus.ACTIVE;
    }

    @EventSourcingHandler
    void on(SeriesExtendedEvent event) {
        occurrences.addAll(event.booked());
        skipped.addAll(event.skipped());
        plannedThrough = event.plannedThrough();
    }

    @EventSourcingHandler
    void on(SeriesEndedEvent event) {
        status = event.status();
    }
}
