/** Patients. Names, birth dates and contact details are PHI: never log them. */
package com.practicescheduler.api.patient;
