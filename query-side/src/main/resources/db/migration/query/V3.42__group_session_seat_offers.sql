-- Issue 18: a seat freed in a group session is offered to the waitlist. A seat offer names its session; its hold is
-- a seat of the session, not time of the provider (the session holds that once).
alter table waitlist_offer_view add column group_session_id varchar(64);

-- Seats held for pending seat offers, in the "scheduling" group with group_session_view: a session's seats left are
-- its capacity minus the seats taken and the holds not yet expired.
create table group_session_seat_hold (
    offer_id         varchar(64) primary key,
    practice_id      varchar(64) not null,
    group_session_id varchar(64) not null,
    expires_at       timestamptz not null
);
create index group_session_seat_hold_session on group_session_seat_hold (group_session_id, expires_at);
