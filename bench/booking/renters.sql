-- bench/booking.sh: renters 2..:n of the booking benchmark, copied from renter 1, who signed up through the
-- gateway just before (so the password hash is user-service's own BCrypt of this run's password: every
-- renter logs in with it). Run as the `users` role: psql -v n=500 -f bench/booking/renters.sql
-- E-mails renter-0001..@booking-bench.example (bench/booking/renters-cleanup.sql deletes exactly those).
\set ON_ERROR_STOP on
begin;
insert into users (id, email, password_hash, first_name, last_name, phone_number, created_at, updated_at, version)
select ('b5ea0c12-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid,
       'renter-' || lpad(i::text, 4, '0') || '@booking-bench.example', first.password_hash, 'Bench',
       'Renter ' || i, '+4915100' || lpad(i::text, 6, '0'), now(), now(), 0
from generate_series(2, :n) i
cross join (select password_hash from users where email = 'renter-0001@booking-bench.example') first;
insert into user_roles (user_id, role)
select id, 'RENTER' from users where email like 'renter-%@booking-bench.example'
on conflict do nothing;
commit;
