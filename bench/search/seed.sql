-- bench/search.sh: a catalogue of :n bookable vehicles for the search benchmark, written straight into
-- vehicle-service's database (after its Flyway migration ran), with blackouts, bookings and photo rows so
-- date filters and cover photos do real work. Run as the `vehicles` role:
--   psql -v n=10000 -f bench/search/seed.sql < bench/search/cities.csv   (the cities on standard input)
-- Every row belongs to the benchmark's 100 partners b5ea0c00-0000-4000-8000-0000000000xx (its vehicles have
-- VINs BNCH…, plates BENCH-…): bench/search/cleanup.sql removes exactly those. The catalogue is the same
-- every run (setseed); ids of bookings, blackouts and photos are random.
\set ON_ERROR_STOP on
\ir cleanup.sql

begin;
select setseed(0.5) \g /dev/null

create temp table bench_cities (ord serial, city text, country char(2), lat float8, lon float8) on commit drop;
\copy bench_cities (city, country, lat, lon) from pstdin with (format csv)

create temp table bench_models (ord serial, make text, model text, seats int, fuel text, low int, high int)
    on commit drop;
insert into bench_models (make, model, seats, fuel, low, high) values
    ('Volkswagen', 'Golf', 5, 'PETROL', 35, 70), ('Volkswagen', 'Polo', 5, 'PETROL', 28, 55),
    ('Volkswagen', 'ID.4', 5, 'ELECTRIC', 60, 110), ('Volkswagen', 'Touran', 7, 'DIESEL', 55, 95),
    ('BMW', '3 Series', 5, 'DIESEL', 70, 140), ('BMW', 'X5', 5, 'PLUG_IN_HYBRID', 120, 230),
    ('BMW', 'i4', 5, 'ELECTRIC', 110, 190), ('Mercedes-Benz', 'C-Class', 5, 'PETROL', 75, 150),
    ('Mercedes-Benz', 'V-Class', 8, 'DIESEL', 110, 210), ('Audi', 'A4', 5, 'DIESEL', 65, 130),
    ('Audi', 'Q5', 5, 'HYBRID', 95, 170), ('Opel', 'Corsa', 5, 'PETROL', 25, 50),
    ('Ford', 'Fiesta', 5, 'PETROL', 25, 50), ('Ford', 'Transit Custom', 9, 'DIESEL', 80, 150),
    ('Renault', 'Clio', 5, 'PETROL', 25, 50), ('Renault', 'Zoe', 5, 'ELECTRIC', 35, 65),
    ('Peugeot', '208', 5, 'PETROL', 28, 55), ('Peugeot', '3008', 5, 'HYBRID', 55, 100),
    ('Citroen', 'C3', 5, 'LPG', 25, 48), ('Fiat', '500', 4, 'PETROL', 25, 45),
    ('Fiat', 'Panda', 5, 'LPG', 22, 40), ('Toyota', 'Yaris', 5, 'HYBRID', 30, 58),
    ('Toyota', 'Corolla', 5, 'HYBRID', 40, 75), ('Toyota', 'Mirai', 5, 'HYDROGEN', 90, 160),
    ('Tesla', 'Model 3', 5, 'ELECTRIC', 80, 150), ('Tesla', 'Model Y', 5, 'ELECTRIC', 95, 170),
    ('Skoda', 'Octavia', 5, 'DIESEL', 40, 75), ('Seat', 'Ibiza', 5, 'PETROL', 26, 50),
    ('Kia', 'Sportage', 5, 'HYBRID', 50, 95), ('Hyundai', 'Ioniq 5', 5, 'ELECTRIC', 75, 140),
    ('Volvo', 'XC60', 5, 'PLUG_IN_HYBRID', 100, 180), ('Porsche', '911', 2, 'PETROL', 250, 480);

insert into partners (partner_id, status, changed_at)
select ('b5ea0c00-0000-4000-8000-' || lpad(to_hex(p), 12, '0'))::uuid, 'VERIFIED', now() - interval '90 days'
from generate_series(1, 100) p;

-- cities skewed towards the first (big) ones: about 740 cars in the first, 130 in the last; positions
-- jittered up to ~11 km around the centre
insert into vehicles (id, partner_id, make, model, year, vin, license_plate, license_plate_key, price_minor,
                      base_price, currency, city, city_key, country, latitude, longitude, seats, transmission,
                      fuel_type, description, features, turnaround_minutes, status, partner_verified,
                      created_at, updated_at)
select id, partner_id, m.make, m.model, year, vin, plate, replace(plate, '-', ''), price_minor,
       price_minor / 100.0, 'EUR', c.city, lower(c.city), c.country,
       c.lat + (r_lat - 0.5) * 0.2, c.lon + (r_lon - 0.5) * 0.3,
       m.seats, case when r_tr < 0.55 then 'AUTOMATIC' else 'MANUAL' end, m.fuel,
       m.make || ' ' || m.model || ' in ' || c.city || ', listed for the search benchmark',
       case i % 5 when 0 then array['air conditioning', 'bluetooth']
                  when 1 then array['navigation', 'heated seats', 'bluetooth']
                  when 2 then array['child seat', 'roof box']
                  when 3 then array['cruise control', 'parking sensors', 'apple carplay']
                  else array[]::text[] end,
       (array[0, 30, 60, 60, 120])[1 + (i % 5)], 'ACTIVE', true,
       now() - make_interval(days => (i % 300)), now() - make_interval(days => (i % 300))
from (
    select i,
           ('b5ea0c01-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid as id,
           ('b5ea0c00-0000-4000-8000-' || lpad(to_hex(1 + i % 100), 12, '0'))::uuid as partner_id,
           'BNCH' || lpad(i::text, 13, '0') as vin,
           'BENCH-' || i as plate,
           1 + floor(50 * power(random(), 1.5))::int as city_ord,
           1 + floor(32 * random())::int as model_ord,
           2012 + floor(14 * random())::int as year,
           random() as r_price, random() as r_lat, random() as r_lon, random() as r_tr
    from generate_series(1, :n) i
) v
join bench_cities c on c.ord = v.city_ord
join bench_models m on m.ord = v.model_ord
cross join lateral (select ((m.low + floor((m.high - m.low + 1) * v.r_price)) * 100 - 10)::bigint as price_minor) p;

-- one blackout on every third vehicle within the next 180 days (1-7 days; never overlapping: one per car)
insert into blackouts (id, vehicle_id, period, reason, created_by, created_at)
select gen_random_uuid(), v.id,
       tstzrange(s, s + make_interval(days => 1 + floor(7 * random())::int), '[)'),
       'bench: maintenance', v.partner_id, now()
from (select id, partner_id, date_trunc('hour', now()) + make_interval(hours => floor(24 * 180 * random())::int) as s
      from vehicles where partner_id between 'b5ea0c00-0000-4000-8000-000000000000'
                                         and 'b5ea0c00-0000-4000-8000-ffffffffffff'
        and (('x' || substr(id::text, 31, 6))::bit(24)::int % 3) = 0) v;

-- the booking.events projection: 3 bookings per vehicle on average within the next 180 days, 1-10 days
-- long; 80 % CONFIRMED, 10 % HELD (hold expiring later), 10 % CANCELLED (not blocking). Overlaps may occur:
-- the projection has no constraint (booking-service's table does).
insert into vehicle_bookings (booking_id, vehicle_id, status, period, expires_at, sequence, changed_at)
select gen_random_uuid(), v.id, st,
       tstzrange(s, s + make_interval(days => 1 + floor(10 * random())::int), '[)'),
       case when st = 'HELD' then now() + interval '1 day' end, 1, now()
from (select ('b5ea0c01-0000-4000-8000-' || lpad(to_hex(1 + floor(:n * random())::int), 12, '0'))::uuid as id,
             date_trunc('hour', now()) + make_interval(hours => floor(24 * 180 * random())::int) as s,
             case when r < 0.8 then 'CONFIRMED' when r < 0.9 then 'HELD' else 'CANCELLED' end as st
      from (select random() as r from generate_series(1, 3 * :n)) g) v;

-- a cover photo row for 70 % of the vehicles (search returns its URL; no bytes behind it)
insert into vehicle_photos (id, vehicle_id, file_id, content_type, size_bytes, sha256, position, created_at)
select gen_random_uuid(), id, gen_random_uuid(), 'image/jpeg', 150000 + floor(400000 * random())::int,
       md5(id::text) || md5(vin), 0, now()
from vehicles
where partner_id between 'b5ea0c00-0000-4000-8000-000000000000' and 'b5ea0c00-0000-4000-8000-ffffffffffff'
  and random() < 0.7;

commit;
analyze vehicles;
analyze blackouts;
analyze vehicle_bookings;
analyze vehicle_photos;
