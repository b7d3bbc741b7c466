-- The entry's place in the event stream (the global position of its WaitlistEntryAddedEvent): entries added at the
-- same instant are ranked in the order they arrived in, not the order of their random ids. Null for entries added
-- before this column, which keep ordering by id among equal times.
alter table waitlist_entry_view add column arrival bigint;
