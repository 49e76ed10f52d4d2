-- Country-wide searches (with a price bound or sorted by price) read only that country's bookable
-- vehicles instead of every bookable vehicle in price order.
create index vehicles_search_country_idx on vehicles (country, base_price)
    where status = 'ACTIVE' and partner_verified;
