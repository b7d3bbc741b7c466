/**
 * Recurring series: a patient's standing appointment, every N weeks on given weekdays. Each occurrence is an
 * ordinary appointment ({@code AppointmentBookedEvent} with its {@code seriesId}); the series records what was
 * planned, booked and skipped.
 */
package com.practicescheduler.api.series;
