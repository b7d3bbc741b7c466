-- Reports of group sessions (issue 18): a seat names its session, and each session is counted once for its
-- provider's time. De-identified like the rest of the reports: no patient ids.
alter table report_appointment add column group_session_id varchar(64);

create table report_group_session (
    group_session_id varchar(64) primary key,
    practice_id      varchar(64) not null,
    provider_id      varchar(64) not null,
    service_id       varchar(64) not null,
    start_at         timestamptz not null,
    end_at           timestamptz not null,
    capacity         integer     not null,
    status           varchar(16) not null
);
create index report_group_session_practice on report_group_session (practice_id, start_at);
