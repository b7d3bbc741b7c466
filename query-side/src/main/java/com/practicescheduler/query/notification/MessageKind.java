package com.practicescheduler.query.notification;

/** What a message is about. */
enum MessageKind {
    REMINDER, OFFER, CONFIRMATION, CANCELLATION
}
