-- A provider schedule's snapshot is the whole schedule as JSON (hundreds of kilobytes for a busy provider), written
-- every 100 of its events. PostgreSQL compressed each with pglz on the way into TOAST: 14-16.5 ms of executor time
-- per snapshot insert in the bookings-only benchmark, about a seventh of all statement time per booking. Stored
-- out of line and uncompressed, a snapshot costs disk (one per schedule is kept) instead of that CPU; loads read
-- it without decompressing. Rows written before keep their compression until replaced.
alter table snapshot_event_entry alter column payload set storage external;
