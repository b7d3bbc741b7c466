-- The waitlist entry remembers its pending offer, so the entry read model no longer reads the offers' table
-- (which belongs to the offer feature) to decide whether an expiry puts the entry back in the queue.
alter table waitlist_entry_view add column pending_offer_id varchar(64);
update waitlist_entry_view e set pending_offer_id = (
    select o.offer_id from waitlist_offer_view o
    where o.entry_id = e.entry_id and o.status = 'PENDING'
    order by o.made_at desc, o.offer_id desc limit 1)
where e.status = 'OFFERED';
