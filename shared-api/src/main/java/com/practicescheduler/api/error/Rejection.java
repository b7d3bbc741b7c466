package com.practicescheduler.api.error;

import java.util.List;

/**
 * What a {@link Refusal} carries, and what of it crosses process boundaries: serialized in the details of Axon's
 * {@code CommandExecutionException}, it reaches the sender whether the handler ran in its own process or behind
 * Axon Server.
 *
 * @param appointmentIds the appointments in the way, for {@link ErrorCode#CONFLICTS_WITH_APPOINTMENTS}
 * @param conflicts      the occurrences that cannot be booked, for {@link ErrorCode#SERIES_CONFLICTS} (absent from
 *                       rejections of older senders: read as empty)
 */
public record Rejection(ErrorCode code, String detail, List<String> appointmentIds, List<SeriesConflict> conflicts) {

    public Rejection {
        appointmentIds = appointmentIds == null ? List.of() : List.copyOf(appointmentIds);
        conflicts = conflicts == null ? List.of() : List.copyOf(conflicts);
    }

    public Rejection(ErrorCode code, String detail, List<String> appointmentIds) {
        this(code, detail, appointmentIds, List.of());
    }

    public Rejection(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }
}
