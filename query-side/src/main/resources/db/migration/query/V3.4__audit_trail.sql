-- The audit trail (processing group "audit"), built from AuditRecordedEvents in the event store. Each practice's
-- entries form a hash chain: hash = sha256(previous hash + the entry's content), so a changed, removed or inserted
-- row breaks every hash after it (GET /api/v1/audit/verify). Entries without a practice (requests with no valid
-- token) form a chain of their own under practice_id '-'.
create table audit_entry (
    entry_id       varchar(64)  primary key,
    practice_id    varchar(64)  not null,
    chain_seq      bigint       not null,
    at             timestamptz  not null,
    actor          varchar(200),
    roles          jsonb        not null,
    action         varchar(200) not null,
    resource_type  varchar(64),
    resource_id    varchar(200),
    patient_ids    jsonb        not null,
    outcome        varchar(16)  not null,
    problem        varchar(64),
    source_ip      varchar(64),
    correlation_id varchar(64),
    prev_hash      char(64)     not null,
    hash           char(64)     not null,
    unique (practice_id, chain_seq)
);
create index audit_entry_practice_time on audit_entry (practice_id, at desc, entry_id desc);
create index audit_entry_patients on audit_entry using gin (patient_ids jsonb_path_ops);

-- Append-only: the application has no update or delete path, and the database refuses them. The one exception is
-- a deliberate rebuild from the event store, which must say so in its own transaction.
create function refuse_audit_rewrite() returns trigger language plpgsql as $$
begin
    if tg_op = 'DELETE' and current_setting('practice_scheduler.audit_rebuild', true) = 'on' then
        return old;
    end if;
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_append_only
    before update or delete on audit_entry
    for each row execute function refuse_audit_rewrite();

create function refuse_audit_truncate() returns trigger language plpgsql as $$
begin
    raise exception 'audit_entry is append-only';
end;
$$;

create trigger audit_entry_no_truncate
    before truncate on audit_entry
    for each statement execute function refuse_audit_truncate();
