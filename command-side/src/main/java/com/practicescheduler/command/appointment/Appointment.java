package com.practicescheduler.command.appointment;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentCancelledEvent;
import com.practicescheduler.api.appointment.AppointmentRescheduledEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentSummary;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.api.appointment.RecordVisitStepCommand;
import com.practicescheduler.api.error.ErrorCode;
import com.practicescheduler.api.error.Refusal;
import com.practicescheduler.command.practice.PracticeDirectory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** One appointment and its status. Its time is reserved in the provider's {@code ProviderSchedule}. */
@Aggregate
public class Appointment {

    @AggregateIdentifier
    private String appointmentId;
    private String practiceId;
    private String patientId;
    private String providerId;
    private String serviceId;
    private Instant start;
    private Instant end;
    private AppointmentStatus status;
    private AppointmentSource source;
    private String rescheduledFrom;
    private String rescheduledTo;
    private String requestFingerprint;
    /** The group session this appointment is a seat of, or null. */
    private String groupSessionId;
    private String seriesId;

    protected Appointment() {
        // for Axon
    }

    /** Creates the appointment; the caller has reserved its time in the same unit of work. */
    Appointment(AppointmentBookedEvent booked) {
        apply(booked);
    }

    @CommandHandler
    AppointmentSummary handle(RecordVisitStepCommand command, Clock clock, PracticeDirectory practices) {
        requirePractice(command.practiceId());
        if (command.actingProviderId() != null && !command.actingProviderId().equals(providerId)) {
            throw new Refusal(ErrorCode.FORBIDDEN, "This is another provider's appointment");
        }
        AppointmentStatus next = switch (command.step()) {
            case CHECK_IN -> transition(AppointmentStatus.BOOKED, AppointmentStatus.CHECKED_IN);
            case COMPLETE -> transition(AppointmentStatus.CHECKED_IN, AppointmentStatus.COMPLETED);
            case NO_SHOW -> {
                AppointmentStatus noShow = transition(AppointmentStatus.BOOKED, AppointmentStatus.NO_SHOW);
                if (clock.instant().isBefore(start)) {
                    throw new Refusal(ErrorCode.INVALID_TRANSITION,
                            "A no-show can be recorded only after the appointment's start");
                }
                yield noShow;
            }
        };
        apply(new AppointmentVisitStepRecordedEvent(appointmentId, practiceId, command.step(), next, patientId));
        return summary(practices.terms(practiceId).settings().timeZone());
    }

    private AppointmentStatus transition(AppointmentStatus from, AppointmentStatus to) {
        if (status != from) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION,
                    "An appointment that is " + status + " cannot become " + to);
        }
        return to;
    }

    /** Cancels; late when {@code now} is inside the late-cancel window before the start. */
    void cancel(CancellationReason reason, String note, Instant now, int lateCancelHours) {
        transition(AppointmentStatus.BOOKED, AppointmentStatus.CANCELLED);
        boolean late = now.isAfter(start.minus(Duration.ofHours(lateCancelHours)));
        apply(new AppointmentCancelledEvent(appointmentId, practiceId, providerId, reason, note, late, start, end,
                patientId));
    }

    void markRescheduled(String successorId) {
        transition(AppointmentStatus.BOOKED, AppointmentStatus.RESCHEDULED);
        apply(new AppointmentRescheduledEvent(appointmentId, practiceId, successorId));
    }

    /** Refuses with {@code not-found} unless this appointment belongs to {@code practiceId}. */
    void requirePractice(String practiceId) {
        if (this.practiceId == null || !this.practiceId.equals(practiceId)) {
            throw Refusal.notFound("Appointment " + appointmentId);
        }
    }

    void requireBooked() {
        transition(AppointmentStatus.BOOKED, AppointmentStatus.BOOKED);
    }

    /**
     * Refuses to move a seat of a group session: its time is the session's, not its own. The patient cancels the
     * seat and takes one in another session.
     */
    void requireReschedulable() {
        requireBooked();
        if (groupSessionId != null) {
            throw new Refusal(ErrorCode.INVALID_TRANSITION, "A seat in a group session cannot be rescheduled:"
                    + " cancel it and enrol the patient in another session");
        }
    }

    /** Cancels a seat of a group session with the session itself, if the seat is still booked. */
    boolean cancelWithSession(CancellationReason reason, Instant now, int lateCancelHours) {
        if (status != AppointmentStatus.BOOKED) {
            return false;
        }
        cancel(reason, "The group session was cancelled", now, lateCancelHours);
        return true;
    }

    String providerId() {
        return providerId;
    }

    String serviceId() {
        return serviceId;
    }

    String patientId() {
        return patientId;
    }

    AppointmentSource source() {
        return source;
    }

    String requestFingerprint() {
        return requestFingerprint;
    }

    String seriesId() {
        return seriesId;
    }

    String appointmentId() {
        return appointmentId;
    }

    Instant end() {
        return end;
    }

    AppointmentStatus status() {
        return status;
    }

    Instant start() {
        return start;
    }

    String rescheduledTo() {
        return rescheduledTo;
    }

    AppointmentSummary summary(String timeZone) {
        return new AppointmentSummary(appointmentId, patientId, providerId, serviceId, start, end, status, source,
                rescheduledTo, rescheduledFrom, timeZone);
    }

    /** The appointment as its booking left it: the answer a repeated idempotent request gets again. */
    AppointmentSummary asBooked(String timeZone) {
        return new AppointmentSummary(appointmentId, patientId, providerId, serviceId, start, end,
                AppointmentStatus.BOOKED, source, null, rescheduledFrom, timeZone);
    }

    @EventSourcingHandler
    void on(AppointmentBookedEvent event) {
        appointmentId = event.appointmentId();
        practiceId = event.practiceId();
        patientId = event.patientId();
        providerId = event.providerId();
        serviceId = event.serviceId();
        start = event.start();
        end = event.end();
        source = event.source();
        rescheduledFrom = event.rescheduledFrom();
        requestFingerprint = event.requestFingerprint();
        groupSessionId = event.groupSessionId();
        seriesId = event.seriesId();
        status = AppointmentStatus.BOOKED;
    }

    @EventSourcingHandler
    void on(AppointmentVisitStepRecordedEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(AppointmentCancelledEvent event) {
        status = event.status();
    }

    @EventSourcingHandler
    void on(AppointmentRescheduledEvent event) {
        status = AppointmentStatus.RESCHEDULED;
        rescheduledTo = event.rescheduledTo();
    }
}
