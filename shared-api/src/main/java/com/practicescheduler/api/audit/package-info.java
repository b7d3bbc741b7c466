/** The audit trail's contract: what is recorded for every command, PHI read and denied attempt. */
package com.practicescheduler.api.audit;
