package com.practicescheduler.api.waitlist;

import com.practicescheduler.api.provider.WeeklyInterval;
import java.time.LocalDate;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Puts a patient on the waitlist for a service.
 *
 * @param providerIds acceptable providers; empty means any provider who offers the service
 * @param windows     preferred weekly windows (practice local time); empty means any time
 * @param notBefore   earliest acceptable date (practice local), or null
 * @param notAfter    latest acceptable date (practice local), or null
 * @param note        free text for staff; may hold clinical detail, so never logged
 */
public record AddToWaitlistCommand(@TargetAggregateIdentifier String entryId, String practiceId, String patientId,
                                   String serviceId, List<String> providerIds, List<WeeklyInterval> windows,
                                   LocalDate notBefore, LocalDate notAfter, WaitlistPriority priority,
                                   String note) {

    @Override
    public String toString() {
        return "AddToWaitlistCommand[entryId=" + entryId + ", serviceId=" + serviceId + ", priority=" + priority
                + "]";
    }
}
