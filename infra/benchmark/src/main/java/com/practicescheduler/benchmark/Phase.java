package com.practicescheduler.benchmark;

import java.util.List;
import java.util.Map;

/**
 * What one phase of load measured. {@code timedFrom} says where each latency starts: at the request's sending
 * ({@link #FROM_SEND}, right for a closed loop, where a client sends its next request when the last one answered)
 * or at the moment the open loop's schedule meant it to be sent ({@link #FROM_INTENDED_START}, so a request that
 * waited behind slow ones counts its wait: no coordinated omission). In an open loop, {@code clients} is the most
 * requests that were in flight at once. {@code cpu} is measured for the bookings-only phase, else null.
 */
record Phase(String name, int clients, String timedFrom, double seconds, long bookings, long conflicts,
             long cancellations, long errors, double bookingsPerSecond, Map<String, Latencies.Stats> latencies,
             Latencies.Stats lag, Map<String, Long> statuses, Cpu.PerBooking cpu,
             List<Cpu.PerBooking> warmup) {

    static final String FROM_SEND = "send";
    static final String FROM_INTENDED_START = "intended start";
}
