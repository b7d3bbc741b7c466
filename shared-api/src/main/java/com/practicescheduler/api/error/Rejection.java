package com.practicescheduler.api.error;

import java.util.List;

/**
 * The details of a refused command or query, carried in Axon's {@code CommandExecutionException} /
 * {@code QueryExecutionException} so that they survive serialization between processes.
 *
 * @param appointmentIds the appointments in the way, for {@link ErrorCode#CONFLICTS_WITH_APPOINTMENTS}
 */
public record Rejection(ErrorCode code, String detail, List<String> appointmentIds) {

    public Rejection {
        appointmentIds = appointmentIds == null ? List.of() : List.copyOf(appointmentIds);
    }

    public Rejection(ErrorCode code, String detail) {
        this(code, detail, List.of());
    }
}
