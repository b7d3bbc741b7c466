package com.practicescheduler.command.appointment;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.platform.Port;
import org.axonframework.modelling.command.Repository;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Creates an {@link Appointment} for other features (an accepted waitlist offer), inside their unit of work;
 * the caller has reserved its time in the provider's schedule.
 */
@Port("an accepted offer books its appointment in the offer's unit of work")
@Component
public class Bookings {

    private final Repository<Appointment> appointments;

    Bookings(@Qualifier("appointmentRepository") Repository<Appointment> appointments) {
        this.appointments = appointments;
    }

    public void create(AppointmentBookedEvent booked) throws Exception {
        appointments.newInstance(() -> new Appointment(booked));
    }
}
