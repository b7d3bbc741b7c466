-- The open-ended recurring series the extension job keeps booked up to the booking horizon (issue 18), built from
-- the events by the command side's processor "series-extension". Rebuilt from the events at any time.
create table open_series (
    series_id       varchar(64) primary key,
    practice_id     varchar(64) not null,
    first_start     timestamptz not null,
    every_weeks     integer     not null,
    days_of_week    varchar(80) not null,
    time_zone       varchar(64) not null,
    planned_through timestamptz not null
);
