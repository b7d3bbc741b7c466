/** Group sessions: the time each holds once, its seats left, and its participants as staff read them. */
package com.practicescheduler.query.groupsession;
