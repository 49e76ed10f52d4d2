-- bench/booking.sh: removes everything bench/booking/vehicles.sql wrote (the vehicles of the benchmark's
-- partner b5ea0c10-0000-4000-8000-000000000001, and what vehicle-service keeps about them: the booking.events
-- projection, blackouts, photos, audit rows), and nothing else. Run as the `vehicles` role.
\set ON_ERROR_STOP on
begin;
create temp table bench_vehicles on commit drop as
    select id from vehicles where partner_id = 'b5ea0c10-0000-4000-8000-000000000001';
delete from vehicle_bookings
    where vehicle_id in (select id from bench_vehicles)
       or vehicle_id between 'b5ea0c11-0000-4000-8000-000000000000' and 'b5ea0c11-0000-4000-8000-ffffffffffff';
delete from blackouts where vehicle_id in (select id from bench_vehicles);
delete from vehicle_photos where vehicle_id in (select id from bench_vehicles);
delete from vehicle_audit where vehicle_id in (select id from bench_vehicles);
delete from vehicles where id in (select id from bench_vehicles);
delete from partners where partner_id = 'b5ea0c10-0000-4000-8000-000000000001';
commit;
