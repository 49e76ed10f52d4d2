-- The admin overview's figures (GET /internal/vehicles/stats: vehicles per status, and the ACTIVE ones whose
-- partner is verified) are counted from this index alone (an index-only scan), not from the wide rows.
create index vehicles_status_idx on vehicles (status, partner_verified);
