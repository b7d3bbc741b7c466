package com.practicescheduler.api.waitlist;

import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.serialization.Revision;

/** A patient was put on the waitlist; fields as in {@link AddToWaitlistCommand}. */
@Revision("1")
public record WaitlistEntryAddedEvent(String entryId, String practiceId, String patientId, String serviceId,
                                      List<String> providerIds, List<WeeklyInterval> windows, LocalDate notBefore,
                                      LocalDate notAfter, WaitlistPriority priority, String note) {

    @Override
    public String toString() {
        return "WaitlistEntryAddedEvent[entryId=" + entryId + ", serviceId=" + serviceId + "]";
    }
}
