-- Read model of the "waitlist" processing group. Rank is computed when read (position among the service's
-- waiting entries: priority first, then longest waiting), so it never goes stale.
create table waitlist_entry_view (
    entry_id      varchar(64)  primary key,
    practice_id   varchar(64)  not null,
    patient_id    varchar(64)  not null,
    service_id    varchar(64)  not null,
    provider_ids  jsonb        not null,
    windows       jsonb        not null,
    not_before    date,
    not_after     date,
    priority      varchar(16)  not null,
    priority_rank integer      not null,
    status        varchar(16)  not null,
    waiting_since timestamptz  not null,
    note          varchar(2000)
);
create index waitlist_entry_view_service on waitlist_entry_view (practice_id, service_id, status);
create index waitlist_entry_view_practice on waitlist_entry_view (practice_id, status, waiting_since);
