-- Repeated refusals from one source in one window are one entry with the number of requests it stands for.
-- Adding a column with a constant default rewrites no row, so the append-only trigger is not involved.
alter table audit_entry add column count integer not null default 1;
