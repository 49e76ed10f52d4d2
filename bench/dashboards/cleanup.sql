-- bench/dashboards.sh: deletes booking-service's rows of the dashboards benchmark — the bookings and ledger entries
-- of its partners b5ea0c20-0000-4000-8000-… (and any idempotency key or refund request pointing at those bookings:
-- the seed writes none, the platform could) — and nothing else. Run as the `bookings` role.
--
-- The ledger goes first, then VACUUM, then the bookings: payment_ledger.booking_id has no index (no query needs
-- one), so the foreign key check of every deleted booking scans payment_ledger — after the VACUUM that is the few
-- rows left, before it 100,000 dead ones per booking (hours).
\set ON_ERROR_STOP on
delete from payment_ledger
    where partner_id between 'b5ea0c20-0000-4000-8000-000000000000' and 'b5ea0c20-0000-4000-8000-ffffffffffff'
       or booking_id in (select id from bookings
                         where partner_id between 'b5ea0c20-0000-4000-8000-000000000000'
                                              and 'b5ea0c20-0000-4000-8000-ffffffffffff');
vacuum payment_ledger;
begin;
create temp table bench_bookings on commit drop as
    select id from bookings
    where partner_id between 'b5ea0c20-0000-4000-8000-000000000000' and 'b5ea0c20-0000-4000-8000-ffffffffffff';
delete from idempotency_keys where booking_id in (select id from bench_bookings);
delete from refund_requests where booking_id in (select id from bench_bookings);
delete from bookings where id in (select id from bench_bookings);
commit;
