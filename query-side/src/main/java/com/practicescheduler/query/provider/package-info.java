/** Providers with their services and working hours, and their time off. */
package com.practicescheduler.query.provider;
