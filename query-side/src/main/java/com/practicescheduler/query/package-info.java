/**
 * The query side: projections build read models from the events; REST controllers read them. One package per
 * feature, named as on the command side; a feature uses another only through its {@code @Port} types
 * ({@code ArchitectureTest}). Start with {@code appointment.AppointmentProjection} and
 * {@code availability.AvailabilityCalculator}.
 */
package com.practicescheduler.query;
