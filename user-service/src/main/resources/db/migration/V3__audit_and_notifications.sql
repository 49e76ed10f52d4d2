-- Append-only audit trail of verification changes and role-relevant admin actions.
create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamp(6) with time zone not null,
    actor_id       uuid,
    action         varchar(64)  not null,
    subject_id     varchar(64)  not null,
    from_value     varchar(64),
    to_value       varchar(64),
    reason         varchar(500),
    correlation_id varchar(128)
);

create index ix_audit_log_subject on audit_log (subject_id, occurred_at desc, id desc);
create index ix_audit_log_occurred on audit_log (occurred_at desc, id desc);

create function audit_log_is_append_only() returns trigger
    language plpgsql as
$$
begin
    raise exception 'audit_log is append-only: % is not allowed', tg_op
        using errcode = 'insufficient_privilege';
end;
$$;

create trigger audit_log_no_update_or_delete
    before update or delete on audit_log
    for each row execute function audit_log_is_append_only();

create trigger audit_log_no_truncate
    before truncate on audit_log
    for each statement execute function audit_log_is_append_only();

create table notifications (
    id         uuid          primary key,
    user_id    uuid          not null references users (id) on delete cascade,
    type       varchar(64)   not null,
    title      varchar(200)  not null,
    body       varchar(1000) not null,
    created_at timestamp(6) with time zone not null,
    read_at    timestamp(6) with time zone,
    version    bigint        not null
);

create index ix_notifications_user on notifications (user_id, created_at desc);
create index ix_notifications_unread on notifications (user_id) where read_at is null;

-- consumer idempotency: an event id is handled at most once per consumer
create table processed_events (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamp(6) with time zone not null,
    primary key (consumer, event_id)
);
