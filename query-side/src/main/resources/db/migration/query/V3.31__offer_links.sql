-- The patient's offer page (issue 19): a link per OFFER message sent. Only the token's SHA-256 is stored; the link
-- dies with the hold (expires_at) and once the offer is answered (used_at).
alter table patient_message add column expires_at timestamptz;

create table offer_link (
    token_hash  varchar(64)  primary key,
    offer_id    varchar(64)  not null,
    practice_id varchar(64)  not null,
    patient_id  varchar(64)  not null,
    expires_at  timestamptz  not null,
    used_at     timestamptz,
    created_at  timestamptz  not null
);
create index offer_link_offer on offer_link (offer_id);
