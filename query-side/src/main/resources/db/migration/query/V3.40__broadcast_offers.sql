-- offerStrategy BROADCAST (issue 19): a freed slot is offered to broadcast_size entries at once (3 unless set), and
-- an offer withdrawn says why (its entry was removed, or another entry accepted the broadcast slot first).
alter table practice_settings_view add column broadcast_size int not null default 3;
alter table waitlist_offer_view add column withdrawn_because varchar(200);
