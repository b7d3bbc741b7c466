-- Reaching patients (issue 19): what each practice sends, what each patient consented to (read models of the
-- scheduling processor, rebuilt with it) and the send ledger (written by the notifications processor only, never
-- rebuilt: a replay never sends again).

create table notification_settings_view (
    practice_id          varchar(64)  primary key,
    reminders            varchar(200) not null,  -- ISO-8601 durations, comma-separated, longest first
    quiet_start          time,
    quiet_end            time,
    include_service_name boolean      not null,
    practice_name        varchar(100),
    confirmations        boolean      not null,
    cancellations        boolean      not null
);

create table contact_preferences_view (
    patient_id      varchar(64)  primary key,
    practice_id     varchar(64)  not null,
    email           boolean      not null,
    sms             boolean      not null,
    reminders       boolean      not null,
    waitlist_offers boolean      not null,
    set_by          varchar(255) not null,
    set_at          timestamptz  not null
);

-- One row per message; ledger_key (kind, appointment or offer, reminder offset, channel) is unique, so a message
-- is planned once however often its event is handled, and claimed (SCHEDULED -> SENDING) before it is sent.
create table patient_message (
    message_id     varchar(64)  primary key,
    ledger_key     varchar(300) not null unique,
    practice_id    varchar(64)  not null,
    patient_id     varchar(64)  not null,
    kind           varchar(16)  not null,
    channel        varchar(8)   not null,
    status         varchar(16)  not null,
    scheduled_for  timestamptz  not null,
    sent_at        timestamptz,
    appointment_id varchar(64),
    offer_id       varchar(64),
    provider_id    varchar(64),
    service_id     varchar(64),
    starts_at      timestamptz,
    reason         varchar(300),
    created_at     timestamptz  not null
);
create index patient_message_patient on patient_message (patient_id, created_at);
create index patient_message_scheduled_appointment on patient_message (appointment_id) where status = 'SCHEDULED';
