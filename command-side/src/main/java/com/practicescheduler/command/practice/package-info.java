/** A practice's settings and service catalogue: the {@link com.practicescheduler.command.practice.Practice} aggregate. */
package com.practicescheduler.command.practice;
