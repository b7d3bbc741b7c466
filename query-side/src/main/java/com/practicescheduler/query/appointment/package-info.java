/** Appointments as staff read them: one appointment's detail and the calendar of a provider or a patient. */
package com.practicescheduler.query.appointment;
