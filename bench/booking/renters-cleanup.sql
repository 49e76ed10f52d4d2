-- bench/booking.sh: deletes the benchmark's renters (renter-…@booking-bench.example) with their roles,
-- refresh tokens and notifications (cascades), and nothing else. Run as the `users` role.
\set ON_ERROR_STOP on
delete from users where email like 'renter-%@booking-bench.example';
