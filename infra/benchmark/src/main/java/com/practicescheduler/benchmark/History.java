package com.practicescheduler.benchmark;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.appointment.AppointmentSource;
import com.practicescheduler.api.appointment.AppointmentStatus;
import com.practicescheduler.api.appointment.AppointmentVisitStepRecordedEvent;
import com.practicescheduler.api.appointment.VisitStep;
import com.practicescheduler.api.provider.TimeReservedEvent;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Past appointments written in bulk straight into the event store: for each, the events a booking, a check-in and
 * a completion (or a no-show) produce, in the provider's and the appointment's streams, serialized as the
 * application serializes them. The projections then process them like any other events.
 */
final class History {

    /** As Axon's JDBC storage engine writes its {@code time_stamp} column. */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder().appendInstant(3).toFormatter();
    private static final ObjectMapper MESSAGES = JsonMapper.builder().findAndAddModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    private static final int SLOTS_PER_DAY = 8;
    private static final int BATCH = 1000;

    private History() {
    }

    record Written(long appointments, long events, LocalDate firstDay, LocalDate lastDay, double seconds) {
    }

    /**
     * Writes {@code appointments} past appointments spread over the practice's providers, one an hour from 09:00
     * on weekdays, ending yesterday; {@code appointmentType} is the aggregate type the application stores for
     * appointments.
     */
    static Written write(String url, String user, String password, Practice practice, int appointments,
                         String appointmentType) throws Exception {
        long started = System.nanoTime();
        Random random = new Random(42);
        int providers = practice.providerIds().size();
        int perProvider = (appointments + providers - 1) / providers;
        int days = (perProvider + SLOTS_PER_DAY - 1) / SLOTS_PER_DAY;
        LocalDate day = LocalDate.now(practice.zone()).minusDays(1);
        for (int weekdays = 0; weekdays < days; day = day.minusDays(1)) {
            if (isWeekday(day)) {
                weekdays++;
            }
        }
        LocalDate firstDay = day.plusDays(1);
        long written = 0;
        long events = 0;
        try (Connection connection = DriverManager.getConnection(url + (url.contains("?") ? "&" : "?")
                + "reWriteBatchedInserts=true", user, password)) {
            connection.setAutoCommit(false);
            Map<String, Long> nextSequence = new HashMap<>();
            String providerType = null;
            try (PreparedStatement last = connection.prepareStatement("select type, max(sequence_number)"
                    + " from domain_event_entry where aggregate_identifier = ? group by type")) {
                for (String provider : practice.providerIds()) {
                    last.setString(1, provider);
                    try (ResultSet rs = last.executeQuery()) {
                        rs.next();
                        providerType = rs.getString(1);
                        nextSequence.put(provider, rs.getLong(2) + 1);
                    }
                }
            }
            try (PreparedStatement insert = connection.prepareStatement("""
                    insert into domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    values (?, ?, ?, ?, ?, ?, '1', ?, ?)""")) {
                LocalDate lastDay = firstDay;
                for (LocalDate d = firstDay; written < appointments; d = d.plusDays(1)) {
                    if (!isWeekday(d)) {
                        continue;
                    }
                    lastDay = d;
                    for (int slot = 0; slot < SLOTS_PER_DAY && written < appointments; slot++) {
                        for (String provider : practice.providerIds()) {
                            if (written >= appointments) {
                                break;
                            }
                            int[] service = Practice.SERVICES.get((int) (written % 3));
                            String serviceId = practice.serviceIds().get((int) (written % 3));
                            Instant start = d.atTime(LocalTime.of(9 + slot, 0)).atZone(practice.zone()).toInstant();
                            Instant end = start.plus(Duration.ofMinutes(service[0]));
                            Instant blockedUntil = end.plus(Duration.ofMinutes(service[1]));
                            Instant bookedAt = start.minus(Duration.ofDays(7));
                            String appointment = UUID.randomUUID().toString();
                            String patient = practice.patientIds().get(random.nextInt(practice.patientIds().size()));
                            long sequence = nextSequence.merge(provider, 1L, Long::sum) - 1;
                            add(insert, provider, sequence, providerType, bookedAt, new TimeReservedEvent(provider,
                                    practice.id(), appointment, start, blockedUntil, bookedAt));
                            add(insert, appointment, 0, appointmentType, bookedAt, new AppointmentBookedEvent(
                                    appointment, practice.id(), patient, provider, serviceId, start, end,
                                    blockedUntil, AppointmentSource.DIRECT, null, null));
                            events += 2;
                            if (random.nextInt(10) == 0) {
                                add(insert, appointment, 1, appointmentType, start.plus(Duration.ofMinutes(15)),
                                        new AppointmentVisitStepRecordedEvent(appointment, practice.id(),
                                                VisitStep.NO_SHOW, AppointmentStatus.NO_SHOW, patient));
                                events += 1;
                            } else {
                                add(insert, appointment, 1, appointmentType, start, new AppointmentVisitStepRecordedEvent(
                                        appointment, practice.id(), VisitStep.CHECK_IN, AppointmentStatus.CHECKED_IN,
                                        patient));
                                add(insert, appointment, 2, appointmentType, end, new AppointmentVisitStepRecordedEvent(
                                        appointment, practice.id(), VisitStep.COMPLETE, AppointmentStatus.COMPLETED,
                                        patient));
                                events += 2;
                            }
                            written++;
                            if (written % BATCH == 0) {
                                insert.executeBatch();
                                connection.commit();
                            }
                        }
                    }
                }
                insert.executeBatch();
                connection.commit();
                return new Written(written, events, firstDay, lastDay, (System.nanoTime() - started) / 1e9);
            }
        }
    }

    private static void add(PreparedStatement insert, String aggregate, long sequence, String type, Instant at,
                            Object payload) throws Exception {
        insert.setString(1, UUID.randomUUID().toString());
        insert.setString(2, aggregate);
        insert.setLong(3, sequence);
        insert.setString(4, type);
        insert.setString(5, TIMESTAMP.format(at));
        insert.setString(6, payload.getClass().getName());
        insert.setBytes(7, MESSAGES.writeValueAsBytes(payload));
        insert.setBytes(8, "{}".getBytes(StandardCharsets.UTF_8));
        insert.addBatch();
    }

    private static boolean isWeekday(LocalDate day) {
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
