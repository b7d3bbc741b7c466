-- Group sessions (issue 18). A service's capacity: more than 1 makes it a group service; services defined before
-- have one seat.
alter table service_view add column capacity integer not null default 1;

-- One row per group session of the "scheduling" group: the provider's time it holds (once, however many seats) and
-- how many seats are taken. Its seats are rows of appointment_view naming it (group_session_id).
create table group_session_view (
    group_session_id    varchar(64) primary key,
    practice_id         varchar(64) not null,
    provider_id         varchar(64) not null,
    service_id          varchar(64) not null,
    start_at            timestamptz not null,
    end_at              timestamptz not null,
    blocked_until       timestamptz not null,
    capacity            integer     not null,
    seats_taken         integer     not null,
    status              varchar(16) not null,
    cancellation_reason varchar(32)
);
-- availability: the time scheduled sessions hold, and the sessions of a service with seats left, in a window
create index group_session_view_provider_blocking on group_session_view (provider_id, blocked_until)
    include (start_at) where status = 'SCHEDULED';
create index group_session_view_service on group_session_view (service_id, start_at) where status = 'SCHEDULED';
