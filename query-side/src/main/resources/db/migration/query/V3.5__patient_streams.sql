-- Which event streams (aggregates) are about a patient: the patient, their appointments, waitlist entries and
-- offers. Only an index: the patient timeline reads the events themselves from the event store.
create table patient_stream (
    patient_id  varchar(64)  not null,
    stream_id   varchar(64)  not null,
    practice_id varchar(64)  not null,
    primary key (patient_id, stream_id)
);
