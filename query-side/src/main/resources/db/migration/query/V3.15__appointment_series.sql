-- Recurring series (issue 18): what each series repeats and where it stands; its occurrences are the rows of
-- appointment_view that name it (series_id, V3.14), and the occurrences it could not book are listed apart.
create table appointment_series_view (
    series_id    varchar(64) primary key,
    practice_id  varchar(64) not null,
    patient_id   varchar(64) not null,
    provider_id  varchar(64) not null,
    service_id   varchar(64) not null,
    first_start  timestamptz not null,
    every_weeks  integer     not null,
    days_of_week varchar(80) not null,
    occurrences  integer,
    until_date   date,
    status       varchar(16) not null
);

create table appointment_series_skipped (
    series_id   varchar(64) not null,
    practice_id varchar(64) not null,
    start_at    timestamptz not null,
    problem     varchar(64) not null,
    primary key (series_id, start_at)
);
