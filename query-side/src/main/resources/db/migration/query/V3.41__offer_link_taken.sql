-- A link whose broadcast offer was withdrawn because another patient accepted the same time first says so
-- (409 slot-unavailable and a page saying it), rather than that the link is unknown.
alter table offer_link add column taken_by_another boolean not null default false;
