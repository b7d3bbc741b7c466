/** Providers (bookable clinicians), their weekly working hours, time off and time reservations. */
package com.practicescheduler.api.provider;
