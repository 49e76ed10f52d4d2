-- booking-service: the admin overview's bookings by status, created today and this month (GET /internal/overview).
--
-- The same key as bookings_created_idx (the admin list, newest first) with the status carried in the index: the
-- overview's count per status over a month of bookings is an index-only range scan instead of a heap visit per
-- booking. It replaces bookings_created_idx, which it serves as well.
create index bookings_created_status_idx on bookings (created_at desc) include (status);
drop index bookings_created_idx;
