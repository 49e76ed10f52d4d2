-- Opaque refresh tokens: only their SHA-256 is stored. Each login starts a family; every refresh
-- rotates the token within its family; presenting a rotated or revoked token revokes the family.
create table refresh_tokens (
    id         uuid        primary key,
    user_id    uuid        not null references users (id) on delete cascade,
    family_id  uuid        not null,
    token_hash varchar(64) not null constraint ux_refresh_tokens_hash unique,
    issued_at  timestamp(6) with time zone not null,
    expires_at timestamp(6) with time zone not null,
    rotated_at timestamp(6) with time zone,
    revoked_at timestamp(6) with time zone,
    version    bigint      not null
);

create index ix_refresh_tokens_family on refresh_tokens (family_id);
create index ix_refresh_tokens_user on refresh_tokens (user_id);
create index ix_refresh_tokens_expires on refresh_tokens (expires_at);

-- RS256 signing keys. The private half is encrypted (AES-256-GCM, see private_key_protection) and
-- wiped once the key is retired; the public half stays published until its tokens have expired.
create table signing_keys (
    kid                    varchar(64) primary key,
    algorithm              varchar(10) not null,
    public_key             bytea       not null,
    private_key            bytea,
    private_key_protection varchar(20) not null
        constraint ck_signing_keys_protection check (private_key_protection in ('AES256-GCM', 'NONE')),
    created_at             timestamp(6) with time zone not null,
    retired_at             timestamp(6) with time zone,
    constraint ck_signing_keys_active_has_private check (retired_at is not null or private_key is not null)
);

-- at most one active (signing) key
create unique index ux_signing_keys_one_active on signing_keys ((true)) where retired_at is null;
