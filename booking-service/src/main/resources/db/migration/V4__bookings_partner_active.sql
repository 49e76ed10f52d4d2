-- booking-service: a partner's fleet status (GET /api/partners/{id}/fleet): per vehicle the rental under way, the
-- next confirmed booking and the pending holds, and the counts over the partner's fleet.
--
-- Partial on the blocking statuses: the sweeper moves finished rentals to COMPLETED and lapsed holds to EXPIRED
-- within seconds, so the index holds only what is booked now or later — a partner's fleet status reads a few rows
-- whatever their history. The status and the times the queries filter on are carried, so that the fleet's counts
-- are an index-only scan.
create index bookings_partner_active_idx on bookings (partner_id, vehicle_id, pickup_at)
    include (status, return_at, hold_expires_at) where status in ('HELD', 'CONFIRMED');
