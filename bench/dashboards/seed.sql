-- bench/dashboards.sh: a year of a marketplace's bookings and the money they moved, written straight into
-- booking-service's database (after its Flyway migrations ran) for the dashboards to aggregate. Run as the
-- `bookings` role:   psql -v n=100000 -v vehicles=3000 -v partners=400 -v renters=20000 -f seed.sql
--
-- Who: partners b5ea0c20-0000-4000-8000-<p in hex> (p = 1..:partners), each with the vehicles v ≡ p (mod partners)
-- of b5ea0c21-…-<v> (v = 1..:vehicles, so ~:vehicles/:partners each); renters b5ea0c22-…-<r> (r = 1..:renters);
-- bookings b5ea0c23-…-<j>; ledger entries b5ea0c24-0000-4000-8000-<j> (payments) and b5ea0c24-0000-4000-9000-<j>
-- (refunds), payments b5ea0c25-…-<j>. None of them has an account or a listing: the dashboards read only this
-- database. Two partners in five earn XAF (whole francs, Cameroonian cities), the others EUR (cents, German and
-- French cities); a vehicle's price a day is fixed (15,000–60,000 XAF, 35.00–120.00 EUR), the service fee 10 % of
-- the subtotal, rounded half-up, as booking-service quotes.
--
-- When: each vehicle's bookings spread evenly over [now − 365 days, now + 30 days), one per slot of
-- 395 days ÷ its count (~12 days for 100,000 bookings on 3,000 vehicles), 1–7 days long from a whole hour within
-- the first quarter of the slot, so that no two of a vehicle's bookings overlap, turnaround (60 min) included —
-- the exclusion constraint only cares about the HELD and CONFIRMED ones, but a real vehicle is never rented twice
-- at once either. Booked 1–45 days before pickup (never later than 10 minutes ago).
--
-- What happened to them:
--   returned by now      76 % COMPLETED (paid; 3 in 76 got the service fee back two days after the return),
--                        10 % CANCELLED after payment (refund: all of it 48 h or more before pickup, else half the
--                        subtotal), 4 % CANCELLED holds (never paid), 10 % EXPIRED holds
--   not returned by now  80 % CONFIRMED (paid; CANCELLED with a full refund when the return is less than 2 hours
--                        away, so that booking-service's sweeper does not complete them during the run), 10 %
--                        CANCELLED after payment, 3 % HELD (picked up more than a day ahead; the hold lapses in
--                        90 minutes: after any run, so that the sweeper leaves them alone), the rest EXPIRED
-- Each payment is a ledger entry (+total, when paid: 3 minutes after the booking), each refund one (−amount, 30 s
-- after the cancellation, or two days after the return): only money that moved, as payment.events would have
-- recorded it. The figures are fixed by hashes of j, so two runs on the same day seed the same rows.
-- bench/dashboards/cleanup.sql removes exactly these rows (and is run first, for the leftovers of a broken run).
\set ON_ERROR_STOP on
\ir cleanup.sql

begin;
create temp table bench_plan on commit drop as
with params as (
    select now() as t_now, now() - interval '365 days' as t0, interval '395 days' as span,
           (:n)::bigint as n, (:vehicles)::bigint as nv, (:partners)::bigint as np, (:renters)::bigint as nr
),
j as (   -- booking j: vehicle j mod nv, its i-th; the vehicle has per_vehicle bookings in all
    select p.*, g as j, g % p.nv as v, g / p.nv as i,
           p.n / p.nv + case when g % p.nv < p.n % p.nv then 1 else 0 end as per_vehicle,
           (hashint8(g * 8 + 1)::bigint & 2147483647) as h1,
           (hashint8(g * 8 + 2)::bigint & 2147483647) as h2,
           (hashint8(g * 8 + 3)::bigint & 2147483647) as h3,
           (hashint8(g * 8 + 4)::bigint & 2147483647) as h4,
           (hashint8(g * 8 + 5)::bigint & 2147483647) as h5,
           (hashint8(g * 8 + 6)::bigint & 2147483647) as h6,
           (hashint8(g * 8 + 7)::bigint & 2147483647) as h7
    from params p, generate_series(0, (:n)::bigint - 1) g
),
vehicle as (
    select j.*, (j.v % j.np) as partner,
           case when (j.v % j.np) % 5 < 2 then 'XAF' else 'EUR' end as currency,
           (hashint8(j.v * 4 + 100)::bigint & 2147483647) as hv,
           j.span / j.per_vehicle as slot
    from j
),
rental as (
    select x.*,
           case when x.currency = 'XAF' then 15000 + (x.hv % 46) * 1000 else 3500 + (x.hv % 86) * 100 end as price,
           case when x.currency = 'XAF' then (array['Douala', 'Yaoundé', 'Bafoussam', 'Garoua'])[1 + x.hv % 4]
                else (array['Berlin', 'Leipzig', 'München', 'Hamburg', 'Köln', 'Paris', 'Lyon'])[1 + x.hv % 7]
           end as city,
           date_trunc('hour', x.t0 + x.slot * x.i + x.slot * ((x.h1 % 25) / 100.0)) as pickup,
           1 + x.h2 % greatest(1, least(7, floor(extract(epoch from x.slot) / 86400 * 0.6)::int)) as days
    from vehicle x
),
timed as (
    select r.*, r.pickup + make_interval(days => r.days::int) as return_at,
           r.price * r.days as subtotal, round(r.price * r.days * 0.10)::bigint as fee,
           least(r.pickup - make_interval(days => 1 + (r.h3 % 45)::int, mins => (r.h4 % 1440)::int),
                 r.t_now - make_interval(mins => 10 + (r.h4 % 4320)::int)) as created
    from rental r
),
fate as (   -- the status, and whether it was paid
    select t.*,
           case when t.return_at <= t.t_now then
                    case when t.h5 % 100 < 76 then 'COMPLETED'
                         when t.h5 % 100 < 86 then 'CANCELLED-PAID'
                         when t.h5 % 100 < 90 then 'CANCELLED-HOLD'
                         else 'EXPIRED' end
                else
                    case when t.h5 % 100 < 80 and t.return_at > t.t_now + interval '2 hours' then 'CONFIRMED'
                         when t.h5 % 100 < 90 then 'CANCELLED-PAID'
                         when t.h5 % 100 < 93 and t.pickup > t.t_now + interval '1 day' then 'HELD'
                         else 'EXPIRED' end
           end as fate
    from timed t
),
money as (
    select f.*, f.subtotal + f.fee as total,
           -- a hold made just now for HELD; otherwise as booked
           case when f.fate = 'HELD' then f.t_now - make_interval(mins => (f.h6 % 9)::int) else f.created end
               as booked_at
    from fate f
)
select m.*,
       m.fate in ('COMPLETED', 'CONFIRMED', 'CANCELLED-PAID') as paid,
       m.booked_at + interval '3 minutes' + make_interval(secs => (m.h7 % 120)::int) as paid_at,
       case when m.fate = 'CANCELLED-PAID' then
                -- after the payment (at most 5 minutes after the booking), before the pickup (or now, whichever is first)
                m.booked_at + interval '6 minutes' + (least(m.pickup, m.t_now) - m.booked_at - interval '6 minutes')
                    * ((m.h6 % 100) / 100.0)
            when m.fate = 'CANCELLED-HOLD' then m.booked_at + interval '4 minutes'
       end as cancelled_at,
       m.fate = 'COMPLETED' and m.h5 % 100 < 3 and m.return_at + interval '2 days' <= m.t_now as goodwill
from money m;

-- the refund of each booking: cancelled after payment (all of it 48 h or more before pickup, else half the
-- subtotal), or the service fee back after a completed rental
alter table bench_plan add column refund bigint, add column refunded_at timestamptz;
update bench_plan set refund = case when pickup - cancelled_at >= interval '48 hours' or return_at <= t_now + interval '2 hours'
                                    then total else subtotal / 2 end,
                      refunded_at = least(cancelled_at + interval '30 seconds', t_now)
    where fate = 'CANCELLED-PAID';
update bench_plan set refund = fee, refunded_at = return_at + interval '2 days' where goodwill;

insert into bookings (id, vehicle_id, renter_id, partner_id, status, pickup_at, return_at, turnaround_minutes,
                      blocked_until, days, price_per_day_minor, subtotal_minor, service_fee_minor, total_minor,
                      currency, hold_expires_at, confirmed_at, payment_reference, cancelled_at, cancelled_by,
                      cancel_reason, refund_minor, sequence, created_at, updated_at, city)
select ('b5ea0c23-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid,
       ('b5ea0c21-0000-4000-8000-' || lpad(to_hex(v + 1), 12, '0'))::uuid,
       ('b5ea0c22-0000-4000-8000-' || lpad(to_hex(h3 % nr + 1), 12, '0'))::uuid,
       ('b5ea0c20-0000-4000-8000-' || lpad(to_hex(partner + 1), 12, '0'))::uuid,
       split_part(fate, '-', 1), pickup, return_at, 60, return_at + interval '60 minutes', days, price, subtotal,
       fee, total, currency,
       case when fate = 'HELD' then t_now + interval '90 minutes' else booked_at + interval '10 minutes' end,
       case when paid then paid_at end,
       case when paid then 'pi_bench_' || j end,
       cancelled_at,
       case when cancelled_at is not null then ('b5ea0c22-0000-4000-8000-' || lpad(to_hex(h3 % nr + 1), 12, '0'))::uuid end,
       case when cancelled_at is not null then 'plans changed' end,
       refund,
       case fate when 'HELD' then 1 when 'COMPLETED' then 3 else 2 end,
       booked_at,
       greatest(booked_at, coalesce(refunded_at, cancelled_at, case when fate = 'COMPLETED' then return_at end,
                                    case when paid then paid_at end, booked_at)),
       city
from bench_plan;

insert into payment_ledger (source_id, kind, payment_id, booking_id, partner_id, vehicle_id, renter_id, amount_minor,
                            currency, occurred_at, recorded_at, city)
select ('b5ea0c24-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid, 'PAYMENT',
       ('b5ea0c25-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid,
       ('b5ea0c23-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid,
       ('b5ea0c20-0000-4000-8000-' || lpad(to_hex(partner + 1), 12, '0'))::uuid,
       ('b5ea0c21-0000-4000-8000-' || lpad(to_hex(v + 1), 12, '0'))::uuid,
       ('b5ea0c22-0000-4000-8000-' || lpad(to_hex(h3 % nr + 1), 12, '0'))::uuid,
       total, currency, paid_at, paid_at + interval '1 second', city
from bench_plan where paid
union all
select ('b5ea0c24-0000-4000-9000-' || lpad(to_hex(j + 1), 12, '0'))::uuid, 'REFUND',
       ('b5ea0c25-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid,
       ('b5ea0c23-0000-4000-8000-' || lpad(to_hex(j + 1), 12, '0'))::uuid,
       ('b5ea0c20-0000-4000-8000-' || lpad(to_hex(partner + 1), 12, '0'))::uuid,
       ('b5ea0c21-0000-4000-8000-' || lpad(to_hex(v + 1), 12, '0'))::uuid,
       ('b5ea0c22-0000-4000-8000-' || lpad(to_hex(h3 % nr + 1), 12, '0'))::uuid,
       -refund, currency, refunded_at, refunded_at + interval '1 second', city
from bench_plan where refund > 0;
commit;

-- the planner's statistics, and the visibility map that lets index-only scans skip the heap (what autovacuum
-- would have done for rows this old)
vacuum (analyze) bookings;
vacuum (analyze) payment_ledger;
