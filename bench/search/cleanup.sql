-- bench/search.sh: removes everything bench/search/seed.sql wrote (the rows of the benchmark's partners
-- b5ea0c00-0000-4000-8000-0000000000xx and their vehicles), and nothing else.
\set ON_ERROR_STOP on
begin;
create temp table bench_vehicles on commit drop as
    select id from vehicles
    where partner_id between 'b5ea0c00-0000-4000-8000-000000000000' and 'b5ea0c00-0000-4000-8000-ffffffffffff';
delete from vehicle_bookings where vehicle_id in (select id from bench_vehicles);
delete from blackouts where vehicle_id in (select id from bench_vehicles);
delete from vehicle_photos where vehicle_id in (select id from bench_vehicles);
delete from vehicle_audit where vehicle_id in (select id from bench_vehicles);
delete from vehicles where id in (select id from bench_vehicles);
delete from partners
    where partner_id between 'b5ea0c00-0000-4000-8000-000000000000' and 'b5ea0c00-0000-4000-8000-ffffffffffff';
commit;
