-- booking-service: bookings, the idempotency keys of holds, refund requests, the outbox, ShedLock.
--
-- btree_gist is a trusted extension: the database owner may create it. It lets one GiST index (and
-- so one exclusion constraint) combine equality on vehicle_id with overlap of the booked interval.
create extension if not exists btree_gist;

create table bookings (
    id                   uuid          not null primary key,
    vehicle_id           uuid          not null,
    renter_id            uuid          not null,
    partner_id           uuid          not null,
    status               varchar(16)   not null
        check (status in ('HELD', 'CONFIRMED', 'CANCELLED', 'EXPIRED', 'COMPLETED')),
    -- the rental [pickup_at, return_at), and the vehicle's turnaround after it (a snapshot taken at hold time)
    pickup_at            timestamptz   not null,
    return_at            timestamptz   not null,
    turnaround_minutes   integer       not null check (turnaround_minutes between 0 and 1440),
    -- return_at + turnaround: written by the service, checked here. A column rather than an expression in the
    -- constraint below, because timestamptz + interval is only STABLE and index expressions must be IMMUTABLE.
    blocked_until        timestamptz   not null,
    -- the price snapshot, in minor units of currency (ISO 4217)
    days                 integer       not null check (days between 1 and 366),
    price_per_day_minor  bigint        not null check (price_per_day_minor > 0),
    subtotal_minor       bigint        not null check (subtotal_minor > 0),
    service_fee_minor    bigint        not null check (service_fee_minor >= 0),
    total_minor          bigint        not null check (total_minor = subtotal_minor + service_fee_minor),
    currency             char(3)       not null,
    hold_expires_at      timestamptz,
    confirmed_at         timestamptz,
    payment_reference    varchar(255),
    cancelled_at         timestamptz,
    cancelled_by         uuid,
    cancel_reason        varchar(500),
    refund_minor         bigint        check (refund_minor is null or refund_minor between 0 and total_minor),
    -- grows with every change; every booking.events event carries it, so projections keep the newest
    sequence             bigint        not null check (sequence >= 1),
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    check (return_at > pickup_at),
    check (blocked_until = return_at + make_interval(mins => turnaround_minutes)),
    check (status <> 'HELD' or hold_expires_at is not null),
    -- THE guarantee: no two blocking bookings of one vehicle overlap, turnaround included, whatever path
    -- writes them. Holds insert with ON CONFLICT DO NOTHING (plain inserts racing for one vehicle deadlock in
    -- the exclusion check); a re-confirmation after expiry is an UPDATE that this constraint may refuse.
    constraint bookings_no_overlap exclude using gist (
        vehicle_id with =,
        tstzrange(pickup_at, blocked_until, '[)') with &&
    ) where (status in ('HELD', 'CONFIRMED'))
);

create index bookings_renter_idx on bookings (renter_id, created_at desc);
create index bookings_partner_idx on bookings (partner_id, pickup_at desc);
create index bookings_vehicle_idx on bookings (vehicle_id, pickup_at desc);
create index bookings_created_idx on bookings (created_at desc);
-- the sweeper's two scans
create index bookings_held_expiry_idx on bookings (hold_expires_at) where status = 'HELD';
create index bookings_confirmed_return_idx on bookings (return_at) where status = 'CONFIRMED';

-- Idempotency keys of POST /api/bookings (Stripe's rules), per renter: written in the transaction that
-- inserts the booking, with the exact response; purged after smartlink.bookings.idempotency.retention (24 h).
create table idempotency_keys (
    renter_id        uuid          not null,
    idempotency_key  varchar(255)  not null,
    request_hash     char(64)      not null,
    booking_id       uuid          not null references bookings (id),
    response_status  integer       not null,
    response_body    bytea         not null,
    created_at       timestamptz   not null,
    primary key (renter_id, idempotency_key)
);
create index idempotency_keys_created_idx on idempotency_keys (created_at);

-- A payment that arrived for a booking whose slot was gone (or that was paid already): its refund is asked
-- for once per payment (RefundRequested on booking.events).
create table refund_requests (
    booking_id         uuid          not null references bookings (id),
    payment_reference  varchar(255)  not null,
    amount_minor       bigint        not null check (amount_minor >= 0),
    currency           char(3)       not null,
    reason             varchar(32)   not null,
    requested_at       timestamptz   not null,
    primary key (booking_id, payment_reference)
);

-- consumers' de-duplication (event ids already handled; payment.events, next issue)
create table processed_events (
    consumer      varchar(64)  not null,
    event_id      uuid         not null,
    processed_at  timestamptz  not null,
    primary key (consumer, event_id)
);

-- Spring Modulith's event publication registry: the outbox
create table event_publication (
    id                     uuid                     not null primary key,
    listener_id            text                     not null,
    event_type             text                     not null,
    serialized_event       text                     not null,
    publication_date       timestamp with time zone not null,
    completion_date        timestamp with time zone,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamp with time zone
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);

-- ShedLock: jobs that run on one instance at a time (the sweeper, the key purge, the outbox resubmission)
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
