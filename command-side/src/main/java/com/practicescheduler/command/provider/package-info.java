/**
 * Providers and their time: {@link com.practicescheduler.command.provider.ProviderSchedule} is the consistency
 * boundary that prevents double booking (see docs/adr/0002-provider-schedule-boundary.md);
 * {@link com.practicescheduler.command.provider.BookingPolicy} names the booking rules.
 */
package com.practicescheduler.command.provider;
