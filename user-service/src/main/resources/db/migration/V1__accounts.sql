-- Accounts. Email is unique case-insensitively (the index is the last word when two sign-ups race);
-- the application stores it trimmed and lower-cased.
create table users (
    id                      uuid         primary key,
    email                   varchar(254) not null,
    password_hash           varchar(100) not null,
    first_name              varchar(100) not null,
    last_name               varchar(100) not null,
    phone_number            varchar(16),  -- required at sign-up; the bootstrapped admin has none
    -- partners only: the platform's quality gate (null for renters and admins)
    verification_status     varchar(16)
        constraint ck_users_verification_status check (verification_status in ('PENDING', 'VERIFIED', 'REJECTED')),
    verification_reason     varchar(500),
    verification_changed_at timestamp(6) with time zone,
    created_at              timestamp(6) with time zone not null,
    updated_at              timestamp(6) with time zone not null,
    version                 bigint       not null
);

create unique index ux_users_email_lower on users (lower(email));
create index ix_users_pending_partners on users (created_at) where verification_status = 'PENDING';
create index ix_users_created_at on users (created_at);

create table user_roles (
    user_id uuid        not null references users (id) on delete cascade,
    role    varchar(16) not null constraint ck_user_roles_role check (role in ('RENTER', 'PARTNER', 'ADMIN')),
    primary key (user_id, role)
);
