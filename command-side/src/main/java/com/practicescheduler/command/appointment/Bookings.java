package com.practicescheduler.command.appointment;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.CancellationReason;
import com.practicescheduler.command.common.Aggregates;
import java.time.Instant;
import com.practicescheduler.platform.Port;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Creates an {@link Appointment} for other features (an accepted waitlist offer, a seat in a group session), inside
 * their unit of work; the caller has reserved its time in the provider's schedule (or holds it in its session).
 */
@Port("an accepted offer books its appointment, and a group session its seats, in their own unit of work")
@Component
public class Bookings {

    private final Repository<Appointment> appointments;

    Bookings(@Qualifier("appointmentRepository") Repository<Appointment> appointments) {
        this.appointments = appointments;
    }

    public void create(AppointmentBookedEvent booked) throws Exception {
        appointments.newInstance(() -> new Appointment(booked));
    }

    /**
     * Cancels a seat of a group session that is being cancelled, if the seat is still booked (a seat already
     * checked in, completed, marked no-show or cancelled stays as it is); late by the usual rule.
     *
     * @return whether the seat was cancelled
     */
    public boolean cancelSeat(String appointmentId, CancellationReason reason, Instant now, int lateCancelHours) {
        return Aggregates.load(appointments, appointmentId, "Appointment")
                .invoke(a -> a.cancelWithSession(reason, now, lateCancelHours));
    }
}
