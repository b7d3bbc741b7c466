/**
 * Audit capture shared by both sides: who is behind each message (metadata carried from the request into every
 * command and event), and the {@link com.practicescheduler.api.audit.AuditRecordedEvent}s for commands, PHI reads
 * and denied requests.
 */
package com.practicescheduler.platform.audit;
