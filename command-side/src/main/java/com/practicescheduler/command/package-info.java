/**
 * The command side: aggregates own every invariant; REST controllers turn requests into commands. Start with
 * {@code provider.ProviderSchedule} (the boundary that prevents double booking) and
 * {@code appointment.AppointmentCommandHandler}.
 */
package com.practicescheduler.command;
