package com.practicescheduler.api.practice;

import org.axonframework.serialization.Revision;

/**
 * An appointment type was added to a practice's catalogue.
 *
 * @param bufferMinutes time after the appointment during which the provider cannot be booked
 */
@Revision("1")
public record ServiceDefinedEvent(String practiceId, String serviceId, String name, int durationMinutes,
                                  int bufferMinutes, Modality modality) {
}
