/** The read models themselves: processing-group names and how far they have caught up (read-your-writes). */
package com.practicescheduler.query.readmodel;
