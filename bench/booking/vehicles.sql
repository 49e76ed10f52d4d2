-- bench/booking.sh: the vehicles the booking benchmark holds, written straight into vehicle-service's
-- database (after its Flyway migration ran), bookable at once: ACTIVE, their partner VERIFIED (what a
-- partner's listing and an admin's approval end in). Run as the `vehicles` role:
--   psql -v n=1000 -f bench/booking/vehicles.sql
-- One partner b5ea0c10-0000-4000-8000-000000000001 (no account: booking-service only reads the vehicle);
-- vehicles b5ea0c11-0000-4000-8000-<i in hex>: i = 1..n the uncontended ones, n + 1 the flash-sale
-- vehicle, n + 2 the hot vehicle (VINs BKBN…, plates BOOK-…). No blackouts, 60 min turnaround, 49.90 EUR
-- a day. bench/booking/vehicles-cleanup.sql removes exactly these rows.
\set ON_ERROR_STOP on
\ir vehicles-cleanup.sql

begin;
insert into partners (partner_id, status, changed_at)
values ('b5ea0c10-0000-4000-8000-000000000001', 'VERIFIED', now() - interval '30 days');

insert into vehicles (id, partner_id, make, model, year, vin, license_plate, license_plate_key, price_minor,
                      base_price, currency, city, city_key, country, latitude, longitude, seats, transmission,
                      fuel_type, description, features, turnaround_minutes, status, partner_verified,
                      created_at, updated_at)
select ('b5ea0c11-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, 'b5ea0c10-0000-4000-8000-000000000001',
       'Volkswagen', 'Golf', 2022, 'BKBN' || lpad(i::text, 13, '0'), 'BOOK-' || i, 'BOOK' || i, 4990, 49.90, 'EUR',
       'Leipzig', 'leipzig', 'DE', 51.34 + (i % 100) * 0.001, 12.37 + (i / 100) * 0.001, 5, 'MANUAL', 'PETROL',
       'listed for the booking benchmark', array[]::text[], 60, 'ACTIVE', true, now(), now()
from generate_series(1, :n + 2) i;
commit;
analyze vehicles;
