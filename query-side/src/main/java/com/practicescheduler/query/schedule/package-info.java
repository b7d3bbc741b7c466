/**
 * Read models of providers' time: providers with their working hours, time off, appointments; the calendar
 * and availability built on them ({@link com.practicescheduler.query.schedule.AvailabilityCalculator}).
 */
package com.practicescheduler.query.schedule;
