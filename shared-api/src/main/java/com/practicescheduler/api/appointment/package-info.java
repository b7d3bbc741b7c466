/** Appointments: booking, rescheduling, cancellation and the visit's lifecycle. */
package com.practicescheduler.api.appointment;
