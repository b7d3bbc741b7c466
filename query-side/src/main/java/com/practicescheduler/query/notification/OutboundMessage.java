package com.practicescheduler.query.notification;

/**
 * A message as it leaves: its address and text are PHI, so {@link #toString()} names neither.
 *
 * @param address an email address or a phone number
 * @param subject the email subject (SMS has none)
 * @param body    the text: practice, date and time, provider; the service only if the practice allows it
 */
record OutboundMessage(String messageId, String address, String subject, String body) {

    @Override
    public String toString() {
        return "OutboundMessage[messageId=" + messageId + ", PHI omitted]";
    }
}
