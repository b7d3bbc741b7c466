/**
 * The command side: aggregates own every invariant; REST controllers turn requests into commands. One package per
 * feature, named as on the query side; a feature uses another only through its {@code @Port} types
 * ({@code ArchitectureTest}). Start with {@code provider.ProviderSchedule} (the boundary that prevents double
 * booking) and {@code appointment.AppointmentCommandHandler}.
 */
package com.practicescheduler.command;
