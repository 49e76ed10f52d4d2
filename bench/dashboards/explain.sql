-- bench/dashboards.sh: EXPLAIN (ANALYZE, BUFFERS) of the dashboards' SQL over the seeded bookings, with the values
-- one request would bind. The statements are copies of booking-service's DashboardQueries (dashboard/
-- DashboardQueries.java: PARTNER_LEDGER with MONTH_OF and with vehicle_id, RENTALS_BY_MONTH, RENTALS_BY_VEHICLE,
-- RENTALS_TOTAL, REVENUE by month and by city, BOOKINGS_BY_STATUS): keep them in step when those change.
-- Run as the `bookings` role:
--   psql -v partner=<uuid> -v from=<timestamptz> -v to=<timestamptz> -v day_from=… -v day_to=… -v month_from=…
--        -v month_to=… -v last_month_from=… -f explain.sql
-- Each plan is preceded by a line "== <name>" for the script to cut them apart.
\set ON_ERROR_STOP on
\pset pager off
\pset format unaligned
\pset tuples_only on
set jit = off;   -- as the services' connections run them (a 100k-row aggregate is below any JIT threshold anyway)

\echo == earnings: ledger by month (PARTNER_LEDGER, MONTH_OF)
explain (analyze, buffers)
select to_char(occurred_at at time zone 'UTC', 'YYYY-MM') as grp, currency,
       coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(amount_minor) filter (where kind = 'REFUND'), 0) as refunds,
       count(*) filter (where kind = 'PAYMENT') as payments,
       count(*) filter (where kind = 'REFUND') as refund_count
from payment_ledger
where partner_id = :'partner' and occurred_at >= :'from' and occurred_at < :'to'
group by 1, 2;

\echo == earnings: ledger by vehicle (PARTNER_LEDGER, vehicle_id)
explain (analyze, buffers)
select vehicle_id::text as grp, currency,
       coalesce(sum(amount_minor) filter (where kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(amount_minor) filter (where kind = 'REFUND'), 0) as refunds,
       count(*) filter (where kind = 'PAYMENT') as payments,
       count(*) filter (where kind = 'REFUND') as refund_count
from payment_ledger
where partner_id = :'partner' and occurred_at >= :'from' and occurred_at < :'to'
group by 1, 2;

\echo == earnings: rentals by month (RENTALS_BY_MONTH)
explain (analyze, buffers)
select to_char(m.month, 'YYYY-MM') as grp, b.currency, count(*) as rentals,
       sum(floor(extract(epoch from least(b.return_at, m.until) - greatest(b.pickup_at, m.since)))::bigint)
           as seconds
from (select month, greatest(month at time zone 'UTC', cast(:'from' as timestamptz)) as since,
             least((month + interval '1 month') at time zone 'UTC', cast(:'to' as timestamptz)) as until
      from generate_series(date_trunc('month', cast(:'from' as timestamptz) at time zone 'UTC'),
                           cast(:'to' as timestamptz) at time zone 'UTC', interval '1 month') as month) m
join bookings b on m.since < m.until and b.pickup_at < m.until and b.return_at > m.since
where b.partner_id = :'partner' and b.status in ('CONFIRMED', 'COMPLETED')
  and b.pickup_at < :'to' and b.return_at > :'from'
group by 1, 2;

\echo == earnings: rentals by vehicle (RENTALS_BY_VEHICLE)
explain (analyze, buffers)
select b.vehicle_id::text as grp, b.currency, count(*) as rentals,
       sum(floor(extract(epoch from least(b.return_at, :'to') - greatest(b.pickup_at, :'from')))::bigint) as seconds
from bookings b
where b.partner_id = :'partner' and b.status in ('CONFIRMED', 'COMPLETED')
  and b.pickup_at < :'to' and b.return_at > :'from'
group by 1, 2;

\echo == earnings: rentals in total (RENTALS_TOTAL)
explain (analyze, buffers)
select '' as grp, b.currency, count(*) as rentals,
       sum(floor(extract(epoch from least(b.return_at, :'to') - greatest(b.pickup_at, :'from')))::bigint) as seconds
from bookings b
where b.partner_id = :'partner' and b.status in ('CONFIRMED', 'COMPLETED')
  and b.pickup_at < :'to' and b.return_at > :'from'
group by 2;

\echo == overview: bookings by status, today and this month (BOOKINGS_BY_STATUS)
explain (analyze, buffers)
select status, count(*) filter (where created_at >= :'day_from' and created_at < :'day_to') as today,
       count(*) as month
from bookings
where created_at >= :'month_from' and created_at < :'month_to'
group by status;

\echo == overview: revenue this month (REVENUE by month)
explain (analyze, buffers)
select to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM') as grp, l.currency,
       coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
       count(*) filter (where l.kind = 'PAYMENT') as payments,
       count(*) filter (where l.kind = 'REFUND') as refund_count
from payment_ledger l
where l.occurred_at >= :'month_from' and l.occurred_at < :'month_to'
group by 1, 2;

\echo == overview: revenue last month (REVENUE by month)
explain (analyze, buffers)
select to_char(l.occurred_at at time zone 'UTC', 'YYYY-MM') as grp, l.currency,
       coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
       count(*) filter (where l.kind = 'PAYMENT') as payments,
       count(*) filter (where l.kind = 'REFUND') as refund_count
from payment_ledger l
where l.occurred_at >= :'last_month_from' and l.occurred_at < :'month_from'
group by 1, 2;

\echo == admin revenue: a month by city (REVENUE by city)
explain (analyze, buffers)
select coalesce(l.city, 'unknown') as grp, l.currency,
       coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
       count(*) filter (where l.kind = 'PAYMENT') as payments,
       count(*) filter (where l.kind = 'REFUND') as refund_count
from payment_ledger l
where l.occurred_at >= :'last_month_from' and l.occurred_at < :'month_from'
group by 1, 2;

\echo == admin revenue: a year by city (REVENUE by city; reads nearly every row: a sequential scan may be the right plan)
explain (analyze, buffers)
select coalesce(l.city, 'unknown') as grp, l.currency,
       coalesce(sum(l.amount_minor) filter (where l.kind = 'PAYMENT'), 0) as gross,
       coalesce(-sum(l.amount_minor) filter (where l.kind = 'REFUND'), 0) as refunds,
       count(*) filter (where l.kind = 'PAYMENT') as payments,
       count(*) filter (where l.kind = 'REFUND') as refund_count
from payment_ledger l
where l.occurred_at >= :'year_from' and l.occurred_at < :'month_to'
group by 1, 2;
