-- Availability's blocked time: the appointments of the window's providers that end after the window starts and
-- begin before it ends. With only the first bound, the scan of appointment_view_provider_blocking read every
-- appointment ahead of the window, up to the booking horizon: the fuller the calendars, the slower availability
-- (p50 5.4 ms after 17,000 bookings in the benchmark, 27.5 ms after 33,000; issue 17). The query now stops its scan a
-- day past the window's end; an appointment blocking its provider for longer than a day (none within today's
-- limits on services: 12 hours and a buffer of 4) is read from this index of its own, normally empty.
create index appointment_view_provider_blocking_long on appointment_view (provider_id, blocked_until)
    include (start_at)
    where status in ('BOOKED', 'CHECKED_IN', 'COMPLETED', 'NO_SHOW') and group_session_id is null
      and blocked_until - start_at > interval '1 day';
