-- Calendar feeds (ADR 19): an appointment's iCalendar identity. A reschedule books a new appointment; the feed shows
-- it as the same event, under the UID of the first appointment of the chain (calendar_uid), with a SEQUENCE
-- (calendar_sequence) raised by every change along the chain: reschedule, cancellation, visit step. A row without
-- calendar_uid is the first of its chain (readers take appointment_id).
alter table appointment_view add column calendar_uid varchar(64);
alter table appointment_view add column calendar_sequence integer not null default 0;

-- rows projected before: the chain's first appointment and the changes along the chain, counted as the projection
-- counts them from now on (a visit step after another is counted once here); a rebuild gives exact counts
with recursive chain (appointment_id, root, depth) as (
    select appointment_id, appointment_id, 0 from appointment_view where rescheduled_from is null
    union all
    select a.appointment_id, c.root, c.depth + 1
    from appointment_view a join chain c on a.rescheduled_from = c.appointment_id
)
update appointment_view v set calendar_uid = chain.root,
    calendar_sequence = 2 * chain.depth
        + case when v.status in ('BOOKED', 'RESCHEDULED') then 0 else 1 end
        + case when v.status = 'RESCHEDULED' then 1 else 0 end
from chain where chain.appointment_id = v.appointment_id;
