-- Offers of the "waitlist" processing group. Pending offers with expires_at in the future are holds: the
-- availability read excludes their time.
create table waitlist_offer_view (
    offer_id       varchar(64)  primary key,
    practice_id    varchar(64)  not null,
    entry_id       varchar(64)  not null,
    provider_id    varchar(64)  not null,
    start_at       timestamptz  not null,
    end_at         timestamptz  not null,
    blocked_until  timestamptz  not null,
    expires_at     timestamptz  not null,
    status         varchar(16)  not null,
    reason         jsonb        not null,
    appointment_id varchar(64),
    made_at        timestamptz  not null
);
create index waitlist_offer_view_entry on waitlist_offer_view (entry_id, made_at);
create index waitlist_offer_view_holds on waitlist_offer_view (provider_id, start_at) where status = 'PENDING';
