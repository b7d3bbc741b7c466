-- Calendar feeds (ADR 19), projected from CalendarFeedCreatedEvent / CalendarFeedRevokedEvent by the "scheduling"
-- group. Only the SHA-256 of a feed's token is kept; a revoked feed keeps its row (revoked_at) and serves nothing.
create table calendar_feed_view (
    calendar_feed_id varchar(64) primary key,
    practice_id      varchar(64) not null,
    provider_id      varchar(64) not null,
    token_hash       char(64)    not null unique,
    created_at       timestamptz not null,
    revoked_at       timestamptz
);
create index calendar_feed_view_provider on calendar_feed_view (provider_id);
