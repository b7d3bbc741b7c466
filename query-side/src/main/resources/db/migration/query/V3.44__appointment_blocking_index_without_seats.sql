-- Availability's blocked time leaves out the seats of group sessions (the session holds the provider's time once):
-- "... and group_session_id is null". The V3.7 index could not tell seats apart, so every appointment ahead of the
-- window's start cost a heap fetch instead of an index-only read (availability's p50 went from 7.6 to 20.4 ms in the
-- benchmark, 2026-12-05). The same index, restricted to the rows the query reads, answers it from the index again.
drop index appointment_view_provider_blocking;
create index appointment_view_provider_blocking on appointment_view (provider_id, blocked_until) include (start_at)
    where status in ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW') and group_session_id is null;
