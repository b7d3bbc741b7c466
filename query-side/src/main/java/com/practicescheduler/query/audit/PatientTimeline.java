package com.practicescheduler.query.audit;

import com.practicescheduler.api.appointment.AppointmentBookedEvent;
import com.practicescheduler.api.patient.PatientRegisteredEvent;
import com.practicescheduler.api.series.SeriesBookedEvent;
import com.practicescheduler.api.waitlist.OfferMadeEvent;
import com.practicescheduler.api.waitlist.WaitlistEntryAddedEvent;
import com.practicescheduler.platform.axon.EventPositions;
import com.practicescheduler.query.readmodel.BatchedWrites;
import com.practicescheduler.query.readmodel.ReadModels;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * A patient's history replayed from the event store: every event of every stream that is about them (the patient,
 * their appointments, series, waitlist entries and offers), in the order they happened. Only which streams those
 * are is kept here, indexed from each stream's first event.
 */
@Component
@ProcessingGroup(ReadModels.AUDIT)
class PatientTimeline {

    private final NamedParameterJdbcTemplate jdbc;
    private final BatchedWrites writes;
    private final EventStore eventStore;

    PatientTimeline(NamedParameterJdbcTemplate jdbc, BatchedWrites writes, EventStore eventStore) {
        this.jdbc = jdbc;
        this.writes = writes;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(PatientRegisteredEvent event, DomainEventMessage<?> message, TrackingToken position) {
        index(event.patientId(), message.getAggregateIdentifier(), event.practiceId(), position);
    }

    @EventHandler
    void on(AppointmentBookedEvent event, DomainEventMessage<?> message, TrackingToken position) {
        index(event.patientId(), message.getAggregateIdentifier(), event.practiceId(), position);
    }

    @EventHandler
    void on(SeriesBookedEvent event, DomainEventMessage<?> message, TrackingToken position) {
        index(event.patientId(), message.getAggregateIdentifier(), event.practiceId(), position);
    }

    @EventHandler
    void on(WaitlistEntryAddedEvent event, DomainEventMessage<?> message, TrackingToken position) {
        index(event.patientId(), message.getAggregateIdentifier(), event.practiceId(), position);
    }

    @EventHandler
    void on(OfferMadeEvent event, DomainEventMessage<?> message, TrackingToken position) {
        index(event.patientId(), message.getAggregateIdentifier(), event.practiceId(), position);
    }

    private void index(String patientId, String streamId, String practiceId, TrackingToken position) {
        writes.update("""
                insert into patient_stream (patient_id, stream_id, practice_id, first_position)
                values (:patient, :stream, :practice, :position)
                on conflict do nothing
                """, new MapSqlParameterSource("patient", patientId).addValue("stream", streamId)
                .addValue("practice", practiceId)
                .addValue("position", EventPositions.of(position), java.sql.Types.BIGINT),
                "patient_stream:" + patientId + "/" + streamId);
    }

    @ResetHandler
    void reset() {
        jdbc.getJdbcTemplate().update("delete from patient_stream");
    }

    /**
     * The patient's events in the order they happened: by time, and events of the same instant in the order their
     * streams began, each stream in its own order. Empty when the patient is not one of the practice's.
     */
    List<DomainEventMessage<?>> events(String practiceId, String patientId) {
        List<String> streams = jdbc.queryForList("""
                select stream_id from patient_stream where patient_id = :patient and practice_id = :practice
                order by first_position nulls last, stream_id
                """, new MapSqlParameterSource("patient", patientId).addValue("practice", practiceId), String.class);
        List<DomainEventMessage<?>> events = new ArrayList<>();
        for (String stream : streams) {
            DomainEventStream read = eventStore.readEvents(stream);
            read.forEachRemaining(events::add);
        }
        // a stable sort: events of one instant keep the order of their streams above
        events.sort(Comparator.comparing(DomainEventMessage::getTimestamp));
        return events;
    }
}
