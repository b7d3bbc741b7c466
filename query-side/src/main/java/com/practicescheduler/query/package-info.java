/**
 * The query side: projections build read models from the events (processing group {@code scheduling});
 * REST controllers read them. Start with {@code schedule.AppointmentProjection} and
 * {@code schedule.AvailabilityCalculator}.
 */
package com.practicescheduler.query;
