/**
 * Appointments: the {@link com.practicescheduler.command.appointment.Appointment} aggregate owns the status;
 * {@link com.practicescheduler.command.appointment.AppointmentCommandHandler} books, moves and cancels it
 * together with the provider's schedule, in one unit of work.
 */
package com.practicescheduler.command.appointment;
