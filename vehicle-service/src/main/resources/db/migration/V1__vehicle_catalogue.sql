-- vehicle-service: the catalogue, verification audit, blackouts, the booking projection, photos,
-- the partners' verification as seen on user.events, plus the outbox and job locks.

-- btree_gist is a trusted extension: the database owner may create it. It lets one GiST index (and
-- exclusion constraint) combine "same vehicle" with "overlapping time range".
create extension if not exists btree_gist;

-- Partners as user.events last told us. A partner we have not heard of yet counts as PENDING.
create table partners (
    partner_id  uuid        not null primary key,
    status      varchar(16) not null check (status in ('PENDING', 'VERIFIED', 'REJECTED')),
    changed_at  timestamptz not null,
    updated_at  timestamptz not null default now()
);

create table vehicles (
    id                   uuid          not null primary key,
    partner_id           uuid          not null,
    make                 varchar(60)   not null,
    model                varchar(60)   not null,
    year                 int           not null,
    vin                  char(17)      not null,
    license_plate        varchar(16)   not null,
    -- the plate as compared for uniqueness: upper case, letters and digits only ("B-AB 123" = "BAB123")
    license_plate_key    varchar(16)   not null,
    price_minor          bigint        not null check (price_minor > 0),
    -- the same price as a decimal in the currency's major unit: what search filters and sorts by
    base_price           numeric(14,4) not null,
    currency             char(3)       not null,
    city                 varchar(80)   not null,
    -- lower-cased city and country: what search compares (index below)
    city_key             varchar(80)   not null,
    country              char(2)       not null,
    latitude             double precision not null check (latitude between -90 and 90),
    longitude            double precision not null check (longitude between -180 and 180),
    seats                int           not null check (seats between 1 and 9),
    transmission         varchar(16)   not null,
    fuel_type            varchar(16)   not null,
    description          varchar(4000),
    features             text[]        not null default '{}',
    turnaround_minutes   int           not null check (turnaround_minutes between 0 and 1440),
    status               varchar(16)   not null
        check (status in ('PENDING_REVIEW', 'ACTIVE', 'REJECTED', 'SUSPENDED', 'RETIRED')),
    status_reason        varchar(500),
    -- why a SUSPENDED vehicle is suspended: ADMIN (stays until an admin lifts it) or PARTNER (its partner
    -- lost verification; lifted when the partner is verified again)
    suspension_cause     varchar(16)   check (suspension_cause in ('ADMIN', 'PARTNER')),
    -- copy of partners.status = 'VERIFIED', kept by the user.events consumer so search needs no join
    partner_verified     boolean       not null default false,
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    version              bigint        not null default 0
);

-- VIN and plate identify one car: unique among vehicles that are not retired
create unique index vehicles_vin_uq on vehicles (vin) where status <> 'RETIRED';
create unique index vehicles_plate_uq on vehicles (license_plate_key) where status <> 'RETIRED';
create index vehicles_partner_idx on vehicles (partner_id, created_at desc);
create index vehicles_pending_idx on vehicles (created_at) where status = 'PENDING_REVIEW';
-- search only ever looks at bookable vehicles: partial indexes on them
create index vehicles_search_city_idx on vehicles (city_key, base_price)
    where status = 'ACTIVE' and partner_verified;
create index vehicles_search_geo_idx on vehicles (latitude, longitude)
    where status = 'ACTIVE' and partner_verified;
create index vehicles_search_price_idx on vehicles (base_price, id)
    where status = 'ACTIVE' and partner_verified;

-- Verification and status changes, who made them and why (admins, owners, or the system when a
-- partner's verification changed: actor_id null)
create table vehicle_audit (
    id           bigserial    primary key,
    vehicle_id   uuid         not null references vehicles (id),
    actor_id     uuid,
    action       varchar(40)  not null,
    from_status  varchar(16),
    to_status    varchar(16),
    reason       varchar(500),
    at           timestamptz  not null default now()
);
create index vehicle_audit_vehicle_idx on vehicle_audit (vehicle_id, at desc, id desc);

-- Partner blackouts: half-open [from, to), never overlapping each other on one vehicle
create table blackouts (
    id          uuid         not null primary key,
    vehicle_id  uuid         not null references vehicles (id),
    period      tstzrange    not null check (not isempty(period) and lower_inc(period) and not upper_inc(period)),
    reason      varchar(200),
    created_by  uuid         not null,
    created_at  timestamptz  not null,
    constraint blackouts_no_overlap exclude using gist (vehicle_id with =, period with &&)
);

-- booking.events projection: one row per booking, upserted in sequence order
create table vehicle_bookings (
    booking_id  uuid         not null primary key,
    vehicle_id  uuid         not null,
    status      varchar(16)  not null,
    period      tstzrange    not null,
    expires_at  timestamptz,
    sequence    bigint       not null,
    changed_at  timestamptz  not null,
    updated_at  timestamptz  not null default now()
);
-- "is this vehicle busy in [from, to)": only blocking bookings matter
create index vehicle_bookings_busy_idx on vehicle_bookings using gist (vehicle_id, period)
    where status in ('HELD', 'CONFIRMED');
create index blackouts_busy_idx on blackouts using gist (vehicle_id, period);

create table vehicle_photos (
    id            uuid          not null primary key,
    vehicle_id    uuid          not null references vehicles (id),
    file_id       uuid          not null,
    content_type  varchar(32)   not null,
    size_bytes    bigint        not null,
    sha256        char(64)      not null,
    position      int           not null,
    created_at    timestamptz   not null
);
create index vehicle_photos_vehicle_idx on vehicle_photos (vehicle_id, position);

-- consumers' de-duplication (event ids already handled)
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

-- ShedLock: jobs that run on one instance at a time
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamp    not null,
    locked_at  timestamp    not null,
    locked_by  varchar(255) not null
);
