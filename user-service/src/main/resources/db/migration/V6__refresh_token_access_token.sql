-- The access token issued together with each refresh token (its jti and expiry), so that logout, refresh
-- and password change can put that access token on the gateway's deny list (Redis) until it expires.
-- Rows from before this migration have none: their access tokens (at most 15 minutes old) just expire.
alter table refresh_tokens
    add column access_token_id         varchar(64),
    add column access_token_expires_at timestamp(6) with time zone;

-- revocation looks up the live access tokens of a family or of a user
create index ix_refresh_tokens_access_expiry on refresh_tokens (access_token_expires_at)
    where access_token_id is not null;
