-- An appointment that is an occurrence of a recurring series, or a seat of a group session, names it (issue 18).
alter table appointment_view
    add column series_id        varchar(64),
    add column group_session_id varchar(64);
create index appointment_view_series on appointment_view (series_id) where series_id is not null;
create index appointment_view_group_session on appointment_view (group_session_id) where group_session_id is not null;
