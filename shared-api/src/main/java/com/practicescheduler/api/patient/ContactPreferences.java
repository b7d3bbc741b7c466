package com.practicescheduler.api.patient;

/**
 * On which channels a patient consented to be contacted, and for what. Nothing goes out on a channel the patient has
 * not allowed; until a patient's preferences are recorded, nothing is sent at all.
 *
 * @param email          messages by email allowed
 * @param sms            messages by SMS allowed
 * @param reminders      appointment reminders (and confirmations, cancellations) wanted
 * @param waitlistOffers waitlist offers wanted
 */
public record ContactPreferences(boolean email, boolean sms, boolean reminders, boolean waitlistOffers) {

    /** Before a patient said anything: no consent to anything. */
    public static ContactPreferences none() {
        return new ContactPreferences(false, false, false, false);
    }
}
