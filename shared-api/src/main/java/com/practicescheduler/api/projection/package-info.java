/** Queries about the read models themselves (how far they have caught up). */
package com.practicescheduler.api.projection;
