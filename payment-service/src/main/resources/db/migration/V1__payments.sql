-- payment-service: checkout sessions, captured payments, refunds, the append-only ledger, received webhook events,
-- the sandbox provider's signed webhook deliveries, consumers' de-duplication, the outbox, ShedLock.
-- Every amount is in minor units of its currency (ISO 4217: 14970 EUR cents, 45000 XAF).

-- One provider checkout session per payment attempt of a booking. The amount is booking-service's total at the time
-- of the checkout (never the client's); the renter, partner and vehicle are copied so that the webhook path needs no
-- call to booking-service.
create table checkout_session (
    id                   uuid          not null primary key,
    booking_id           uuid          not null,
    renter_id            uuid          not null,
    partner_id           uuid,
    vehicle_id           uuid,
    provider             varchar(16)   not null check (provider in ('sandbox', 'stripe')),
    provider_session_id  varchar(255)  not null unique,
    checkout_url         varchar(2048) not null,
    amount_minor         bigint        not null check (amount_minor > 0),
    currency             char(3)       not null,
    status               varchar(16)   not null check (status in ('OPEN', 'COMPLETED', 'EXPIRED')),
    expires_at           timestamptz   not null,
    -- set when the booking lapsed or was cancelled: the session is to be expired at the provider (retried until done)
    expire_requested_at  timestamptz,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null
);
-- at most one OPEN session per booking: a second checkout returns it
create unique index checkout_session_one_open_idx on checkout_session (booking_id) where status = 'OPEN';
create index checkout_session_booking_idx on checkout_session (booking_id, created_at desc);
create index checkout_session_expire_idx on checkout_session (expire_requested_at)
    where status = 'OPEN' and expire_requested_at is not null;

-- A captured payment (our id = the paymentReference booking-service stores). One per completed session.
create table payment (
    id                   uuid          not null primary key,
    booking_id           uuid          not null,
    session_id           uuid          not null unique references checkout_session (id),
    renter_id            uuid          not null,
    partner_id           uuid,
    vehicle_id           uuid,
    provider             varchar(16)   not null,
    provider_payment_id  varchar(255)  unique,
    amount_minor         bigint        not null check (amount_minor > 0),
    currency             char(3)       not null,
    refunded_minor       bigint        not null default 0,
    captured_at          timestamptz   not null,
    -- never more refunded than captured, whatever path writes it
    check (refunded_minor >= 0 and refunded_minor <= amount_minor)
);
create index payment_booking_idx on payment (booking_id, captured_at);

-- A refund of (part of) a payment. PENDING until the provider accepted it; the idempotency key (also sent to the
-- provider) makes a replayed request change nothing.
create table refund (
    id                   uuid          not null primary key,
    payment_id           uuid          not null references payment (id),
    booking_id           uuid          not null,
    amount_minor         bigint        not null check (amount_minor > 0),
    currency             char(3)       not null,
    reason               varchar(32)   not null
        check (reason in ('CANCELLATION', 'SLOT_TAKEN', 'ALREADY_PAID', 'PROVIDER')),
    idempotency_key      varchar(255)  not null unique,
    provider_refund_id   varchar(255),
    status               varchar(16)   not null check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    attempts             integer       not null default 0,
    next_attempt_at      timestamptz   not null,
    last_error           varchar(1000),
    created_at           timestamptz   not null,
    completed_at         timestamptz
);
create index refund_payment_idx on refund (payment_id);
create index refund_booking_idx on refund (booking_id, created_at);
create index refund_pending_idx on refund (next_attempt_at) where status = 'PENDING';

-- The ledger: one row per captured payment (positive) and per completed refund (negative), never changed.
create table ledger_entry (
    id            uuid          not null primary key,
    kind          varchar(16)   not null check (kind in ('PAYMENT', 'REFUND')),
    booking_id    uuid          not null,
    payment_id    uuid          not null references payment (id),
    refund_id     uuid          unique references refund (id),
    amount_minor  bigint        not null,
    currency      char(3)       not null,
    partner_id    uuid,
    vehicle_id    uuid,
    renter_id     uuid,
    occurred_at   timestamptz   not null,
    check ((kind = 'PAYMENT' and amount_minor > 0 and refund_id is null)
        or (kind = 'REFUND' and amount_minor < 0 and refund_id is not null))
);
create unique index ledger_entry_one_payment_idx on ledger_entry (payment_id) where kind = 'PAYMENT';
create index ledger_entry_booking_idx on ledger_entry (booking_id, occurred_at);
create index ledger_entry_partner_idx on ledger_entry (partner_id, occurred_at);

-- Append-only: the database refuses to change or remove a ledger row, whoever asks.
create function ledger_entry_immutable() returns trigger language plpgsql as $$
begin
    raise exception 'ledger_entry is append-only: % refused', tg_op using errcode = 'P0001';
end;
$$;
create trigger ledger_entry_no_update before update or delete on ledger_entry
    for each row execute function ledger_entry_immutable();
create trigger ledger_entry_no_truncate before truncate on ledger_entry
    for each statement execute function ledger_entry_immutable();

-- Provider events already applied (Stripe's de-duplication advice: the event id, stored in the change's transaction).
create table webhook_event (
    event_id     varchar(255)  not null primary key,
    type         varchar(255)  not null,
    received_at  timestamptz   not null
);

-- The sandbox provider's outgoing webhooks: queued with the change that caused them, delivered (signed afresh per
-- attempt) to our own webhook endpoint with Stripe's retry schedule.
create table sandbox_webhook_delivery (
    id               uuid          not null primary key,
    event_id         varchar(255)  not null unique,
    type             varchar(255)  not null,
    session_id       uuid,
    payload          text          not null,
    attempts         integer       not null default 0,
    next_attempt_at  timestamptz   not null,
    delivered_at     timestamptz,
    last_error       varchar(1000),
    created_at       timestamptz   not null
);
create index sandbox_webhook_delivery_due_idx on sandbox_webhook_delivery (next_attempt_at) where delivered_at is null;
create index sandbox_webhook_delivery_session_idx on sandbox_webhook_delivery (session_id, type);

-- consumers' de-duplication (booking.events ids already handled)
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

-- ShedLock: jobs that run on one instance at a time (sandbox deliveries, refund retries, session expiry, the outbox
-- resubmission)
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
