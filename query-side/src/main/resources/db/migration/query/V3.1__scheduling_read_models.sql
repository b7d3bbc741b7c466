-- Read models of the "scheduling" processing group. Rebuilt from the events at any time (ResetHandlers empty
-- them); every write is an idempotent upsert, so a redelivered event changes nothing.
create table practice_settings_view (
    practice_id          varchar(64)  primary key,
    time_zone            varchar(64)  not null,
    slot_minutes         integer      not null,
    late_cancel_hours    integer      not null,
    offer_hold           varchar(32)  not null,
    offer_strategy       varchar(16)  not null,
    booking_horizon_days integer      not null
);

create table service_view (
    service_id       varchar(64)  primary key,
    practice_id      varchar(64)  not null,
    name             varchar(200) not null,
    duration_minutes integer      not null,
    buffer_minutes   integer      not null,
    modality         varchar(16)  not null,
    defined_at       timestamptz  not null
);
create index service_view_practice on service_view (practice_id, defined_at);

create table provider_view (
    provider_id   varchar(64)  primary key,
    practice_id   varchar(64)  not null,
    display_name  varchar(200) not null,
    service_ids   jsonb        not null,
    weekly        jsonb        not null,
    registered_at timestamptz  not null
);
create index provider_view_practice on provider_view (practice_id, registered_at);

create table time_off_view (
    time_off_id varchar(64)  primary key,
    provider_id varchar(64)  not null,
    practice_id varchar(64)  not null,
    start_at    timestamptz  not null,
    end_at      timestamptz  not null,
    reason      varchar(500)
);
create index time_off_view_provider on time_off_view (provider_id, start_at);

create table patient_view (
    patient_id    varchar(64)  primary key,
    practice_id   varchar(64)  not null,
    first_name    varchar(100) not null,
    last_name     varchar(100) not null,
    date_of_birth date         not null,
    email         varchar(254),
    phone         varchar(32)
);

create table appointment_view (
    appointment_id      varchar(64) primary key,
    practice_id         varchar(64) not null,
    patient_id          varchar(64) not null,
    provider_id         varchar(64) not null,
    service_id          varchar(64) not null,
    start_at            timestamptz not null,
    end_at              timestamptz not null,
    blocked_until       timestamptz not null,
    status              varchar(16) not null,
    source              varchar(16) not null,
    rescheduled_to      varchar(64),
    rescheduled_from    varchar(64),
    cancellation_reason varchar(32)
);
create index appointment_view_provider_time on appointment_view (provider_id, start_at);
create index appointment_view_patient_time on appointment_view (patient_id, start_at);
