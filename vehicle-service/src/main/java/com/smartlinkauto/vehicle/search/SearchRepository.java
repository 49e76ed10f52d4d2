package com.smartlinkauto.vehicle.search;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

import com.smartlinkauto.vehicle.catalog.FuelType;
import com.smartlinkauto.vehicle.catalog.PhotoRef;
import com.smartlinkauto.vehicle.catalog.Transmission;

/**
 * The search as ONE SQL statement: the filters, the free-for-the-dates check against blackouts and
 * blocking bookings (the vehicles busy in the window hashed once, then an exact check for those only),
 * the distance, the sort, the page and the total (a window count) together. Only conditions the search uses are written, so the planner sees
 * plain predicates it can match to the partial indexes on bookable vehicles.
 */
@Repository
class SearchRepository {

    /** Haversine distance from (:lat, :lon) in km; the same formula as {@link SearchCriteria#distanceKm}. */
    private static final String DISTANCE = "(2 * " + SearchCriteria.EARTH_RADIUS_KM + " * asin(sqrt(least(1, "
            + "power(sin(radians(v.latitude - :lat) / 2), 2) "
            + "+ cos(radians(:lat)) * cos(radians(v.latitude)) * power(sin(radians(v.longitude - :lon) / 2), 2)))))";

    private final NamedParameterJdbcTemplate jdbc;

    SearchRepository(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    SearchResult search(SearchCriteria c, Instant now) {
        Statement statement = new Statement();
        String distance = statement.wherePlace(c);
        statement.whereVehicle(c);
        statement.whereFree(c, now);
        String sql = statement.select(distance, order(c));
        MapSqlParameterSource params = statement.params.addValue("limit", c.size())
                .addValue("offset", (long) c.page() * c.size());
        long[] total = { -1 };
        List<SearchResult.Item> items = new ArrayList<>();
        jdbc.query(sql, params, rs -> {
            total[0] = rs.getLong("total");
            items.add(item(rs));
        });
        long totalElements = total[0] >= 0 ? total[0] : (c.page() == 0 ? 0 : count(sql, params));
        return page(c, items, totalElements);
    }

    /** The statement's conditions and parameters, only those the search uses. */
    private static final class Statement {

        private final MapSqlParameterSource params = new MapSqlParameterSource();
        private final StringBuilder where = new StringBuilder("v.status = 'ACTIVE' and v.partner_verified");

        /**
         * City, country and the radius (a bounding box the indexes can use, then the exact great-circle distance).
         *
         * @return the distance expression for the select list, {@code null} (SQL) without a radius
         */
        String wherePlace(SearchCriteria c) {
            equal("v.city_key", "city", c.cityKey());
            equal("v.country", "country", c.country());
            if (c.near() == null) {
                return "null";
            }
            params.addValue("lat", c.near().latitude()).addValue("lon", c.near().longitude())
                    .addValue("radius", c.radiusKm());
            SearchCriteria.BoundingBox box = c.boundingBox();
            where.append(" and v.latitude between :minLat and :maxLat");
            params.addValue("minLat", box.minLatitude()).addValue("maxLat", box.maxLatitude());
            if (!box.allLongitudes()) {
                where.append(" and v.longitude between :minLon and :maxLon");
                params.addValue("minLon", box.minLongitude()).addValue("maxLon", box.maxLongitude());
            }
            where.append(" and ").append(DISTANCE).append(" <= :radius");
            return DISTANCE;
        }

        /** Make, model, the price bounds, seats (at least), transmission and fuel. */
        void whereVehicle(SearchCriteria c) {
            equal("lower(v.make)", "make", c.make());
            equal("lower(v.model)", "model", c.model());
            condition("v.base_price >= :minPrice", "minPrice", c.minPrice());
            condition("v.base_price <= :maxPrice", "maxPrice", c.maxPrice());
            condition("v.seats >= :seats", "seats", c.seats());
            equal("v.transmission", "transmission", c.transmission() == null ? null : c.transmission().name());
            equal("v.fuel_type", "fuel", c.fuelType() == null ? null : c.fuelType().name());
        }

        /**
         * Free for [from, to): no blackout overlaps it, and no blocking booking comes closer to it than the
         * vehicle's turnaround (a HELD booking whose hold lapsed no longer blocks). Both start from the set of
         * vehicles with anything in the window, found once through the period indexes and hashed (for bookings
         * the window widened by the largest turnaround, 1440 min): a candidate outside it is free without a probe
         * of its own; only one inside it gets the exact per-vehicle check.
         */
        void whereFree(SearchCriteria c, Instant now) {
            if (c.from() == null) {
                return;
            }
            where.append(" and v.id not in (select b.vehicle_id from blackouts b "
                    + "where b.period && tstzrange(:from, :to, '[)'))");
            where.append(" and (v.id not in (select w.vehicle_id from vehicle_bookings w "
                    + "where w.status in ('HELD', 'CONFIRMED') and w.period && tstzrange("
                    + "cast(:from as timestamptz) - interval '1440 minutes', "
                    + "cast(:to as timestamptz) + interval '1440 minutes', '[)')) "
                    + "or not exists (select 1 from vehicle_bookings bk where bk.vehicle_id = v.id "
                    + "and bk.status in ('HELD', 'CONFIRMED') "
                    + "and (bk.status = 'CONFIRMED' or bk.expires_at is null or bk.expires_at > :now) "
                    + "and bk.period && tstzrange(cast(:from as timestamptz) - make_interval(mins => v.turnaround_minutes), "
                    + "cast(:to as timestamptz) + make_interval(mins => v.turnaround_minutes), '[)')))");
            params.addValue("from", Timestamp.from(c.from())).addValue("to", Timestamp.from(c.to()))
                    .addValue("now", Timestamp.from(now));
        }

        /** The page, with its cover photo and the total (a window count) in every row. */
        String select(String distance, String order) {
            return "select v.id, v.partner_id, v.make, v.model, v.year, v.price_minor, v.currency, v.city, "
                    + "v.country, v.latitude, v.longitude, v.seats, v.transmission, v.fuel_type, v.features, "
                    + "v.turnaround_minutes, " + distance + " as distance_km, "
                    + "(select p.id from vehicle_photos p where p.vehicle_id = v.id order by p.position, p.created_at, p.id "
                    + "limit 1) as cover_photo_id, count(*) over () as total "
                    + "from vehicles v where " + where + " order by " + order + " limit :limit offset :offset";
        }

        private void equal(String column, String name, Object value) {
            condition(column + " = :" + name, name, value);
        }

        private void condition(String condition, String name, Object value) {
            if (value != null) {
                where.append(" and ").append(condition);
                params.addValue(name, value);
            }
        }
    }

    /** Ties broken by id, so pages never overlap or skip. */
    private static String order(SearchCriteria c) {
        String direction = c.descending() ? " desc" : " asc";
        return switch (c.sort()) {
            case PRICE -> "v.base_price" + direction + ", v.id";
            case YEAR -> "v.year" + direction + ", v.base_price, v.id";
            case DISTANCE -> "distance_km" + direction + ", v.id";
        };
    }

    private static SearchResult.Item item(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        String currency = rs.getString("currency");
        Array features = rs.getArray("features");
        double distanceKm = rs.getDouble("distance_km");
        Double distanceValue = rs.wasNull() ? null : Math.round(distanceKm * 1000) / 1000.0;
        UUID cover = rs.getObject("cover_photo_id", UUID.class);
        return new SearchResult.Item(id, rs.getObject("partner_id", UUID.class), rs.getString("make"),
                rs.getString("model"), rs.getInt("year"),
                BigDecimal.valueOf(rs.getLong("price_minor"), Currency.getInstance(currency).getDefaultFractionDigits()),
                currency, rs.getString("city"), rs.getString("country"), rs.getDouble("latitude"),
                rs.getDouble("longitude"), rs.getInt("seats"), Transmission.valueOf(rs.getString("transmission")),
                FuelType.valueOf(rs.getString("fuel_type")),
                features == null ? List.of() : List.of((String[]) features.getArray()),
                rs.getInt("turnaround_minutes"), distanceValue, cover == null ? null : PhotoRef.url(id, cover));
    }

    private static SearchResult page(SearchCriteria c, List<SearchResult.Item> items, long totalElements) {
        long totalPages = (totalElements + c.size() - 1) / c.size();
        String sort = c.sort().name().toLowerCase() + (c.descending() ? ",desc" : ",asc");
        return new SearchResult(List.copyOf(items), c.page(), c.size(), totalElements, totalPages, sort);
    }

    /**
     * A page past the end returns no row to carry the window count: only then is the total counted
     * separately (a client paging beyond the last page).
     */
    private long count(String sql, MapSqlParameterSource params) {
        String counting = "select count(*) from (" + sql.replace(" limit :limit offset :offset", "") + ") q";
        Long n = jdbc.queryForObject(counting, params, Long.class);
        return n == null ? 0 : n;
    }
}
