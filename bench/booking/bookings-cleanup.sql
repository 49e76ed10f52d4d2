-- bench/booking.sh: deletes booking-service's rows about the benchmark's vehicles
-- (b5ea0c11-0000-4000-8000-…): their bookings, idempotency keys and refund requests, and nothing else.
-- Run as the `bookings` role, once the outbox has sent their events (event_publication empty).
\set ON_ERROR_STOP on
begin;
create temp table bench_bookings on commit drop as
    select id from bookings
    where vehicle_id between 'b5ea0c11-0000-4000-8000-000000000000' and 'b5ea0c11-0000-4000-8000-ffffffffffff';
delete from idempotency_keys where booking_id in (select id from bench_bookings);
delete from refund_requests where booking_id in (select id from bench_bookings);
delete from bookings where id in (select id from bench_bookings);
commit;
