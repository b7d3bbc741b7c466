package com.practicescheduler.api.provider;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A provider was registered; an empty {@code serviceIds} means the provider offers every service. */
@Revision("1")
public record ProviderRegisteredEvent(String providerId, String practiceId, String displayName,
                                      List<String> serviceIds) {
}
