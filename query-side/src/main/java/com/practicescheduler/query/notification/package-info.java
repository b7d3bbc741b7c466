/**
 * Reaching patients: the practice's notification settings, each patient's consent, and messages (reminders,
 * confirmations, cancellations) planned from the event stream by a processor of their own ({@link MessagePlanner}),
 * kept in a send ledger and sent once by persistent deadlines ({@link MessageDelivery}) through the outbound
 * {@link Outbound} adapters (SMTP email, an HTTP SMS gateway). Message bodies and addresses are PHI: never log them.
 */
package com.practicescheduler.query.notification;
