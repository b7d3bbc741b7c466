-- Issue 20: a practice may let its providers' calendar feeds show each appointment's patient initials (off unless
-- an administrator turns it on).
alter table practice_settings_view add column calendar_patient_initials boolean not null default false;
