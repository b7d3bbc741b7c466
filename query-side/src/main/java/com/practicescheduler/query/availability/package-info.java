/**
 * Free slots for a service, computed on request from providers' working hours, time off and blocked time
 * ({@link com.practicescheduler.query.availability.AvailabilityCalculator}).
 */
package com.practicescheduler.query.availability;
