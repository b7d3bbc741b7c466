-- Read models of the "reports" processing group: de-identified facts from which the reports are computed when
-- asked, for any range of dates in the practice's time zone. They name practices, providers, services,
-- appointments, waitlist entries and offers by id, and never a patient. Rebuilt from the events at any time
-- (ResetHandlers empty them), so a new report is back-filled to the first event; every write is idempotent.
create table report_practice (
    practice_id varchar(64) primary key,
    time_zone   varchar(64) not null
);

create table report_provider (
    provider_id   varchar(64) primary key,
    practice_id   varchar(64) not null,
    registered_at timestamptz not null
);
create index report_provider_practice on report_provider (practice_id, registered_at);

-- every working-hours template a provider had, with the moment it was set: past days keep the hours they had
create table report_working_hours (
    event_id    varchar(64) primary key,
    provider_id varchar(64) not null,
    practice_id varchar(64) not null,
    set_at      timestamptz not null,
    weekly      jsonb       not null
);
create index report_working_hours_practice on report_working_hours (practice_id, provider_id, set_at);

create table report_time_off (
    time_off_id varchar(64) primary key,
    provider_id varchar(64) not null,
    practice_id varchar(64) not null,
    start_at    timestamptz not null,
    end_at      timestamptz not null
);
create index report_time_off_practice on report_time_off (practice_id, start_at);

create table report_appointment (
    appointment_id      varchar(64) primary key,
    practice_id         varchar(64) not null,
    provider_id         varchar(64) not null,
    service_id          varchar(64) not null,
    start_at            timestamptz not null,
    end_at              timestamptz not null,
    source              varchar(16) not null,
    status              varchar(16) not null,
    cancellation_reason varchar(32)
);
create index report_appointment_practice on report_appointment (practice_id, start_at);

create table report_waitlist_entry (
    entry_id              varchar(64) primary key,
    practice_id           varchar(64) not null,
    added_at              timestamptz not null,
    fulfilled_at          timestamptz,
    fulfilled_provider_id varchar(64),
    removed_at            timestamptz
);
create index report_waitlist_entry_added on report_waitlist_entry (practice_id, added_at);
create index report_waitlist_entry_fulfilled on report_waitlist_entry (practice_id, fulfilled_at);
create index report_waitlist_entry_removed on report_waitlist_entry (practice_id, removed_at);

-- outcome: PENDING until ACCEPTED, DECLINED, EXPIRED or WITHDRAWN
create table report_offer (
    offer_id    varchar(64) primary key,
    practice_id varchar(64) not null,
    entry_id    varchar(64) not null,
    provider_id varchar(64) not null,
    made_by     varchar(16) not null,
    made_at     timestamptz not null,
    outcome     varchar(16) not null
);
create index report_offer_practice on report_offer (practice_id, made_at);

-- time that became free on a provider's calendar: a released appointment or removed time off. Not a released
-- hold: that passes an offer's slot on, and the time has stood free since it was first freed.
create table report_freed_time (
    event_id    varchar(64) primary key,
    practice_id varchar(64) not null,
    provider_id varchar(64) not null,
    start_at    timestamptz not null,
    end_at      timestamptz not null,
    freed_at    timestamptz not null
);
create index report_freed_time_provider on report_freed_time (provider_id, freed_at);

-- an appointment booked through the waitlist into freed time, and when that time was freed
create table report_rebooking (
    appointment_id varchar(64) primary key,
    practice_id    varchar(64) not null,
    provider_id    varchar(64) not null,
    freed_at       timestamptz not null,
    rebooked_at    timestamptz not null
);
create index report_rebooking_practice on report_rebooking (practice_id, rebooked_at);
