/** Read models of practice settings and the service catalogue. */
package com.practicescheduler.query.practice;
