-- Webhook subscriptions (ADR 17): rows of the command side, not events, because a subscription carries a signing
-- secret that must be deletable; the event store keeps everything for ever. One practice has at most 20.
create table webhook_subscription (
    id          varchar(64)   primary key,
    practice_id varchar(64)   not null,
    url         varchar(2000) not null,
    events      jsonb         not null,
    description varchar(200),
    secret      varchar(100)  not null,
    created_at  timestamptz   not null
);
create index webhook_subscription_practice on webhook_subscription (practice_id);

-- One delivery per event and subscription (the unique key makes a redelivered event a no-op), written by the
-- processor "webhook-deliveries" in the same transaction as its token, sent by the polling worker. body is the
-- exact JSON sent on every attempt; seq is the event's global position, ordering_key the appointment (offer,
-- entry) it is about: a delivery is sent only when no earlier PENDING one of the same key and subscription waits.
create table webhook_delivery (
    id              varchar(64)  primary key,
    subscription_id varchar(64)  not null references webhook_subscription (id) on delete cascade,
    event_id        varchar(255) not null,
    seq             bigint       not null,
    ordering_key    varchar(64)  not null,
    type            varchar(64)  not null,
    body            text         not null,
    attempts        integer      not null default 0,
    last_status     integer,
    state           varchar(16)  not null,
    next_attempt_at timestamptz  not null,
    created_at      timestamptz  not null,
    unique (event_id, subscription_id)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_order on webhook_delivery (subscription_id, ordering_key, seq) where state = 'PENDING';
create index webhook_delivery_log on webhook_delivery (subscription_id, created_at);
