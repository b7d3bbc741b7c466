/** Offers of freed time to waitlist entries: the {@link com.practicescheduler.command.offer.Offer} and its hold. */
package com.practicescheduler.command.offer;
