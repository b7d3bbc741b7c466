package com.practicescheduler.query.notification;

/** How a message reaches the patient. */
enum Channel {
    EMAIL, SMS
}
