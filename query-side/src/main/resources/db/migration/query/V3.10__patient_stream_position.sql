-- The global position of the event that made a stream the patient's (its first event). The timeline orders events
-- by time, and events of the same instant by the order their streams began. Null for streams indexed before.
alter table patient_stream add column first_position bigint;
