/** Patients: the {@link com.practicescheduler.command.patient.Patient} aggregate. Its data is PHI: never log it. */
package com.practicescheduler.command.patient;
