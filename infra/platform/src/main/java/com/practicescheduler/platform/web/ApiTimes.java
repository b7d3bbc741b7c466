package com.practicescheduler.platform.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;

/** Times as the REST contract shows them: ISO-8601 with the offset of the practice's zone at that instant. */
public final class ApiTimes {

    private ApiTimes() {
    }

    public static OffsetDateTime at(Instant instant, String zone) {
        return instant == null ? null : instant.atZone(ZoneId.of(zone)).toOffsetDateTime();
    }
}
