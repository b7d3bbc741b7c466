-- What the waitlist matcher (command side, processing group "waitlist-matcher") knows about entries, built from
-- the events by the matcher's own processor, so it works wherever the command side runs: standalone, next to a
-- query side in another process, with or without Axon Server. Rebuilt from the events at any time.
create table matcher_entry (
    entry_id         varchar(64)  primary key,
    practice_id      varchar(64)  not null,
    patient_id       varchar(64)  not null,
    service_id       varchar(64)  not null,
    provider_ids     jsonb        not null,
    windows          jsonb        not null,
    not_before       date,
    not_after        date,
    priority         varchar(16)  not null,
    priority_rank    integer      not null,
    waiting_since    timestamptz  not null,
    status           varchar(16)  not null,
    offer_id         varchar(64),
    offer_expires_at timestamptz
);
create index matcher_entry_open on matcher_entry (practice_id, status);

-- Slots an entry declined or let expire (with their buffer): no slot overlapping one is offered to it again.
create table matcher_passed_slot (
    entry_id    varchar(64)  not null,
    provider_id varchar(64)  not null,
    start_at    timestamptz  not null,
    end_at      timestamptz  not null,
    outcome     varchar(16)  not null,
    primary key (entry_id, provider_id, start_at)
);

-- Each provider's weekly hours as last set, to tell which time a change of hours added.
create table matcher_provider_hours (
    provider_id varchar(64)  primary key,
    weekly      jsonb        not null
);
