-- booking-service: the money that really moved (the dashboards' source) and the city a booking was made in.
--
-- The vehicle's city at hold time (vehicle-service's GET /internal/vehicles/{id}), for the admin revenue by city.
-- Bookings held before this column existed keep null: they are grouped as "unknown".
alter table bookings add column city varchar(80);

-- One row per captured payment (+amount) and per refund (−amount), projected from payment.events in the consumer's
-- transaction together with its processed_events mark: the dashboards count only what a provider really captured
-- or gave back, each on the day it happened (paid_at / refunded_at). source_id is payment-service's id of the
-- payment or the refund: a replayed event inserts nothing (ON CONFLICT DO NOTHING). The booking's parties are
-- copied from the booking row, so that every aggregate is one scan of this table.
create table payment_ledger (
    source_id     uuid         not null primary key,
    kind          varchar(8)   not null check (kind in ('PAYMENT', 'REFUND')),
    payment_id    uuid         not null,
    booking_id    uuid         not null references bookings (id),
    partner_id    uuid         not null,
    vehicle_id    uuid         not null,
    renter_id     uuid         not null,
    -- signed, in minor units of currency: a payment > 0, a refund < 0 (zero-amount refunds are not recorded)
    amount_minor  bigint       not null,
    currency      char(3)      not null,
    occurred_at   timestamptz  not null,
    recorded_at   timestamptz  not null,
    check ((kind = 'PAYMENT' and amount_minor > 0) or (kind = 'REFUND' and amount_minor < 0))
);

-- partner earnings (a partner's window, by month or vehicle): an index-only range scan
create index payment_ledger_partner_idx on payment_ledger (partner_id, occurred_at)
    include (currency, kind, amount_minor, vehicle_id);
-- a renter's totals paid / refunded
create index payment_ledger_renter_idx on payment_ledger (renter_id) include (currency, kind, amount_minor);
-- admin revenue (a window, by day, month, partner or city through the booking)
create index payment_ledger_occurred_idx on payment_ledger (occurred_at)
    include (currency, kind, amount_minor, partner_id, booking_id);

-- partner earnings' rentals and rented days: the partner's CONFIRMED/COMPLETED bookings overlapping a window
create index bookings_partner_rented_idx on bookings (partner_id, pickup_at)
    include (return_at, vehicle_id, currency) where status in ('CONFIRMED', 'COMPLETED');
