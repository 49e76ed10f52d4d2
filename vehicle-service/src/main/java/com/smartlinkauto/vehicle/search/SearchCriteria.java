package com.smartlinkauto.vehicle.search;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.smartlinkauto.servicedefaults.validation.InputChecks;
import com.smartlinkauto.servicedefaults.validation.InstantWindow;
import com.smartlinkauto.servicedefaults.validation.TextRules;
import com.smartlinkauto.vehicle.cache.CacheNamespaces;
import com.smartlinkauto.vehicle.catalog.FuelType;
import com.smartlinkauto.vehicle.catalog.Transmission;
import com.smartlinkauto.vehicle.catalog.VehicleRules;
import com.smartlinkauto.vehicle.config.VehicleProperties;
import com.smartlinkauto.vehicle.shared.Invalid;

import io.swagger.v3.oas.annotations.Parameter;

/**
 * A validated, normalised public search. {@link #cacheKey()} is the same for every spelling of the same
 * search, so equal searches share one cache entry.
 *
 * @param cityKey   lower-case city, or null
 * @param near      the centre of a radius search, or null
 * @param radiusKm  with {@code near}: how far from it (great-circle distance)
 * @param from      with {@code to}: the vehicle must be free for {@code [from, to)} plus its turnaround
 *                  around every booking
 * @param minPrice  bounds on the base price per day, inclusive, in the vehicle's currency
 */
public record SearchCriteria(String cityKey, String country, GeoPoint near, Double radiusKm, Instant from, Instant to,
        String make, String model, BigDecimal minPrice, BigDecimal maxPrice, Integer seats, Transmission transmission,
        FuelType fuelType, Sort sort, boolean descending, int page, int size) {

    public static final double EARTH_RADIUS_KM = 6371.0088;
    static final double DEFAULT_RADIUS_KM = 25;

    public enum Sort {
        PRICE, YEAR, DISTANCE
    }

    public record GeoPoint(double latitude, double longitude) {
    }

    /** Reads and checks the raw query parameters; anything wrong is a 400 naming the parameter. */
    public static SearchCriteria parse(Raw raw, VehicleProperties.Search limits, Instant now) {
        // the same normalisation as a listing's city (NFC, trimmed, lower-cased), checked before it is used
        InputChecks.text("city", raw.city(), 80, true);
        String cityKey = blankToNull(raw.city()) == null ? null : VehicleRules.cityKey(TextRules.normalize(raw.city()));
        String country = null;
        if (blankToNull(raw.country()) != null) {
            country = raw.country().strip().toUpperCase(Locale.ROOT);
            if (!country.matches("[A-Z]{2}")) {
                throw Invalid.parameter("country", "must be an ISO 3166-1 alpha-2 country code");
            }
        }
        GeoPoint near = blankToNull(raw.near()) == null ? null : point(raw.near());
        Double radius = null;
        if (raw.radiusKm() != null) {
            if (near == null) {
                throw Invalid.parameter("radiusKm", "needs near=lat,lon");
            }
            if (!(raw.radiusKm() > 0) || raw.radiusKm() > limits.maxRadiusKm()) {
                throw Invalid.parameter("radiusKm", "must be greater than 0 and at most " + limits.maxRadiusKm());
            }
            radius = raw.radiusKm();
        }
        else if (near != null) {
            radius = DEFAULT_RADIUS_KM;
        }
        Instant from = InputChecks.parseInstant("from", raw.from(), InstantWindow.DEFAULT);
        Instant to = InputChecks.parseInstant("to", raw.to(), InstantWindow.DEFAULT);
        if ((from == null) != (to == null)) {
            throw Invalid.parameter(from == null ? "from" : "to", "from and to go together");
        }
        if (from != null) {
            if (!to.isAfter(from)) {
                throw Invalid.parameter("to", "must be after from");
            }
            if (to.isBefore(now)) {
                throw Invalid.parameter("to", "must be in the future");
            }
            if (Duration.between(from, to).compareTo(Duration.ofDays(limits.maxRangeDays())) > 0) {
                throw Invalid.parameter("to", "must be at most " + limits.maxRangeDays() + " days after from");
            }
        }
        // bounded like a stored price (numeric(14,4)) before anything compares, strips or prints them
        BigDecimal minPrice = InputChecks.decimal("minPrice", raw.minPrice(), VehicleRules.PRICE_INTEGER_DIGITS,
                VehicleRules.PRICE_FRACTION_DIGITS);
        BigDecimal maxPrice = InputChecks.decimal("maxPrice", raw.maxPrice(), VehicleRules.PRICE_INTEGER_DIGITS,
                VehicleRules.PRICE_FRACTION_DIGITS);
        if (minPrice != null && minPrice.signum() < 0) {
            throw Invalid.parameter("minPrice", "must not be negative");
        }
        if (maxPrice != null && maxPrice.signum() < 0) {
            throw Invalid.parameter("maxPrice", "must not be negative");
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw Invalid.parameter("maxPrice", "must not be below minPrice");
        }
        if (raw.seats() != null && (raw.seats() < 1 || raw.seats() > 9)) {
            throw Invalid.parameter("seats", "must be between 1 and 9");
        }
        Transmission transmission = enumValue("transmission", raw.transmission(), Transmission.class);
        FuelType fuelType = enumValue("fuelType", raw.fuelType(), FuelType.class);
        int page = raw.page() == null ? 0 : raw.page();
        int size = raw.size() == null ? 20 : raw.size();
        if (page < 0 || page > 10_000) {
            throw Invalid.parameter("page", "must be between 0 and 10000");
        }
        if (size < 1 || size > limits.maxPageSize()) {
            throw Invalid.parameter("size", "must be between 1 and " + limits.maxPageSize());
        }
        Sort sort = near != null ? Sort.DISTANCE : Sort.PRICE;
        boolean descending = false;
        if (blankToNull(raw.sort()) != null) {
            String[] parts = raw.sort().strip().toLowerCase(Locale.ROOT).split(",", -1);
            if (parts.length > 2) {
                throw Invalid.parameter("sort", "must be price, year or distance, optionally ,asc or ,desc");
            }
            sort = switch (parts[0].strip()) {
                case "price" -> Sort.PRICE;
                case "year" -> Sort.YEAR;
                case "distance" -> Sort.DISTANCE;
                default -> throw Invalid.parameter("sort", "must be price, year or distance, optionally ,asc or ,desc");
            };
            // newest first is what "sort by year" means to renters; price and distance go up
            descending = sort == Sort.YEAR;
            if (parts.length == 2) {
                descending = switch (parts[1].strip()) {
                    case "asc" -> false;
                    case "desc" -> true;
                    default -> throw Invalid.parameter("sort", "direction must be asc or desc");
                };
            }
            if (sort == Sort.DISTANCE && near == null) {
                throw Invalid.parameter("sort", "distance needs near=lat,lon");
            }
        }
        InputChecks.text("make", raw.make(), 60, true);
        InputChecks.text("model", raw.model(), 60, true);
        return new SearchCriteria(cityKey, country, near, radius, from, to, lower(raw.make()), lower(raw.model()),
                minPrice == null ? null : minPrice.stripTrailingZeros(),
                maxPrice == null ? null : maxPrice.stripTrailingZeros(), raw.seats(), transmission, fuelType, sort,
                descending, page, size);
    }

    /** The normalised search, as the cache key's material. */
    public String cacheKey() {
        return String.join("|", "city=" + cityKey, "country=" + country,
                "near=" + (near == null ? null : near.latitude() + "," + near.longitude()), "r=" + radiusKm,
                "from=" + from, "to=" + to, "make=" + make, "model=" + model,
                "min=" + (minPrice == null ? null : minPrice.toPlainString()),
                "max=" + (maxPrice == null ? null : maxPrice.toPlainString()), "seats=" + seats, "tr=" + transmission,
                "fuel=" + fuelType, "sort=" + sort + (descending ? ",desc" : ",asc"), "page=" + page, "size=" + size);
    }

    /** The cache namespaces this search's result depends on (see {@link CacheNamespaces}). */
    public List<String> namespaces() {
        if (cityKey != null) {
            return List.of("c:" + cityKey);
        }
        if (near != null) {
            BoundingBox box = boundingBox();
            return CacheNamespaces.ofArea(box.minLatitude(), box.maxLatitude(), box.minLongitude(),
                    box.maxLongitude(), box.allLongitudes());
        }
        return List.of(CacheNamespaces.ALL);
    }

    /**
     * The smallest latitude/longitude box holding every point within {@code radiusKm} of {@code near}
     * (J. Matuschek, "Finding points within a distance of a latitude/longitude using bounding
     * coordinates"): near a pole or across the antimeridian it spans every longitude.
     */
    public BoundingBox boundingBox() {
        double angular = radiusKm / EARTH_RADIUS_KM;
        double lat = Math.toRadians(near.latitude());
        double lon = Math.toRadians(near.longitude());
        double minLat = lat - angular;
        double maxLat = lat + angular;
        if (minLat > -Math.PI / 2 && maxLat < Math.PI / 2) {
            double deltaLon = Math.asin(Math.sin(angular) / Math.cos(lat));
            double minLon = lon - deltaLon;
            double maxLon = lon + deltaLon;
            if (minLon >= -Math.PI && maxLon <= Math.PI) {
                return new BoundingBox(Math.toDegrees(minLat), Math.toDegrees(maxLat), Math.toDegrees(minLon),
                        Math.toDegrees(maxLon), false);
            }
            return new BoundingBox(Math.toDegrees(minLat), Math.toDegrees(maxLat), -180, 180, true);
        }
        return new BoundingBox(Math.toDegrees(Math.max(minLat, -Math.PI / 2)),
                Math.toDegrees(Math.min(maxLat, Math.PI / 2)), -180, 180, true);
    }

    public record BoundingBox(double minLatitude, double maxLatitude, double minLongitude, double maxLongitude,
            boolean allLongitudes) {
    }

    /** Great-circle distance (haversine), as the search query computes it. */
    public static double distanceKm(double lat1, double lon1, double lat2, double lon2) {
        double dLat = Math.toRadians(lat2 - lat1);
        double dLon = Math.toRadians(lon2 - lon1);
        double a = Math.pow(Math.sin(dLat / 2), 2)
                + Math.cos(Math.toRadians(lat1)) * Math.cos(Math.toRadians(lat2)) * Math.pow(Math.sin(dLon / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.sqrt(Math.min(1, a)));
    }

    private static GeoPoint point(String value) {
        String[] parts = value.split(",");
        if (parts.length != 2) {
            throw Invalid.parameter("near", "must be latitude,longitude, e.g. 52.52,13.40");
        }
        try {
            double lat = Double.parseDouble(parts[0].strip());
            double lon = Double.parseDouble(parts[1].strip());
            if (!(lat >= -90 && lat <= 90) || !(lon >= -180 && lon <= 180)) {
                throw Invalid.parameter("near", "latitude must be within ±90 and longitude within ±180");
            }
            return new GeoPoint(lat, lon);
        }
        catch (NumberFormatException ex) {
            throw Invalid.parameter("near", "must be latitude,longitude, e.g. 52.52,13.40");
        }
    }

    private static <E extends Enum<E>> E enumValue(String name, String value, Class<E> type) {
        if (blankToNull(value) == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        }
        catch (IllegalArgumentException ex) {
            throw Invalid.parameter(name, "must be one of " + java.util.Arrays.toString(type.getEnumConstants()));
        }
    }

    private static String lower(String value) {
        return blankToNull(value) == null ? null : TextRules.normalize(value).toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    /**
     * The query parameters of {@code GET /api/vehicles} as received, bound by name from the query string (one
     * {@code @ModelAttribute}); {@link #parse} reads and checks them. Documented here for the OpenAPI description.
     */
    public record Raw(
            @Parameter(description = "case-insensitive; at most 80 characters (also lower-cased), no control characters")
            String city,
            @Parameter(description = "ISO 3166-1 alpha-2") String country,
            @Parameter(description = "lat,lon of the centre, e.g. 52.52,13.405") String near,
            @Parameter(description = "with near; default 25, at most 500") Double radiusKm,
            @Parameter(description = "ISO-8601 with offset, 1970 to 2200") String from,
            @Parameter(description = "ISO-8601 with offset, after from, at most 365 days later, 1970 to 2200") String to,
            @Parameter(description = "at most 60 characters, no control characters") String make,
            @Parameter(description = "at most 60 characters, no control characters") String model,
            @Parameter(description = "≥ 0, at most 10 digits before the point and 4 after") BigDecimal minPrice,
            @Parameter(description = "≥ minPrice, at most 10 digits before the point and 4 after") BigDecimal maxPrice,
            @Parameter(description = "at least this many seats, 1 to 9") Integer seats,
            @Parameter(description = "MANUAL or AUTOMATIC") String transmission,
            String fuelType,
            @Parameter(description = "0 to 10000") Integer page,
            @Parameter(description = "1 to 100") Integer size,
            @Parameter(description = "price, year or distance, optionally ,asc or ,desc (default: distance with "
                    + "near, else price)") String sort) {
    }
}
