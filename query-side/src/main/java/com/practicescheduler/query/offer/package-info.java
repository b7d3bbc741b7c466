/** Offers of freed time as staff read them on a waitlist entry, and the time pending offers hold. */
package com.practicescheduler.query.offer;
