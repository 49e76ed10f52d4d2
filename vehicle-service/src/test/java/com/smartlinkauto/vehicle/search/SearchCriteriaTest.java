package com.smartlinkauto.vehicle.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.vehicle.cache.CacheNamespaces;
import com.smartlinkauto.vehicle.config.VehicleProperties;

class SearchCriteriaTest {

    private static final VehicleProperties.Search LIMITS = new VehicleProperties.Search(500, 365, 100);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static SearchCriteria.Raw raw(String city, String near, Double radius, String sort) {
        return new SearchCriteria.Raw(city, null, near, radius, null, null, null, null, null, null, null, null, null,
                null, null, sort);
    }

    @Test
    void equalSearchesHaveOneCacheKeyHoweverTheyAreSpelled() {
        SearchCriteria a = SearchCriteria.parse(new SearchCriteria.Raw(" Berlin", "de", null, null,
                "2026-12-01T10:00:00Z", "2026-12-03T10:00:00+00:00", "VW", null, new BigDecimal("40.0"), null, null,
                "manual", null, null, null, "PRICE"), LIMITS, NOW);
        SearchCriteria b = SearchCriteria.parse(new SearchCriteria.Raw("berlin", "DE", null, null,
                "2026-12-01T11:00:00+01:00", "2026-12-03T10:00:00Z", "vw", null, new BigDecimal("40"), null, null,
                "MANUAL", null, 0, 20, "price,asc"), LIMITS, NOW);
        assertThat(a.cacheKey()).isEqualTo(b.cacheKey());
        assertThat(a.namespaces()).containsExactly("c:berlin");
    }

    @Test
    void defaultsAndSorts() {
        SearchCriteria near = SearchCriteria.parse(raw(null, "52.5,13.4", null, null), LIMITS, NOW);
        assertThat(near.radiusKm()).isEqualTo(25);
        assertThat(near.sort()).isEqualTo(SearchCriteria.Sort.DISTANCE);
        SearchCriteria year = SearchCriteria.parse(raw("x", null, null, "year"), LIMITS, NOW);
        assertThat(year.descending()).as("newest first").isTrue();
        assertThat(SearchCriteria.parse(raw("x", null, null, null), LIMITS, NOW).sort())
                .isEqualTo(SearchCriteria.Sort.PRICE);
        assertThatThrownBy(() -> SearchCriteria.parse(raw("x", null, null, "distance"), LIMITS, NOW))
                .isInstanceOf(ApiException.class);
    }

    /** No point within the radius may lie outside the bounding box, at any latitude. */
    @Test
    void theBoundingBoxHoldsEveryPointWithinTheRadius() {
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            double lat = -89 + random.nextDouble() * 178;
            double lon = -179 + random.nextDouble() * 358;
            double radius = 1 + random.nextDouble() * 499;
            SearchCriteria c = SearchCriteria.parse(raw(null, lat + "," + lon, radius, null), LIMITS, NOW);
            SearchCriteria.BoundingBox box = c.boundingBox();
            for (int j = 0; j < 20; j++) {
                // a random point at the radius's edge in a random direction
                double bearing = random.nextDouble() * 2 * Math.PI;
                double d = radius * 0.999 / SearchCriteria.EARTH_RADIUS_KM;
                double la = Math.toRadians(lat);
                double lat2 = Math.asin(Math.sin(la) * Math.cos(d) + Math.cos(la) * Math.sin(d) * Math.cos(bearing));
                double lon2 = Math.toRadians(lon) + Math.atan2(Math.sin(bearing) * Math.sin(d) * Math.cos(la),
                        Math.cos(d) - Math.sin(la) * Math.sin(lat2));
                double pLat = Math.toDegrees(lat2);
                double pLon = Math.toDegrees(lon2);
                if (pLon > 180 || pLon < -180) {
                    assertThat(box.allLongitudes()).isTrue();
                    continue;
                }
                assertThat(SearchCriteria.distanceKm(lat, lon, pLat, pLon)).isLessThanOrEqualTo(radius);
                assertThat(pLat).isBetween(box.minLatitude(), box.maxLatitude());
                if (!box.allLongitudes()) {
                    assertThat(pLon).isBetween(box.minLongitude(), box.maxLongitude());
                }
            }
        }
    }

    @Test
    void aRadiusSearchDependsOnTheCellsItsCircleTouchesOrOnEverythingWhenTooMany() {
        SearchCriteria small = SearchCriteria.parse(raw(null, "52.5,13.4", 10.0, null), LIMITS, NOW);
        assertThat(small.namespaces()).contains(CacheNamespaces.cell(52.5, 13.4)).hasSizeLessThanOrEqualTo(4);
        SearchCriteria wide = SearchCriteria.parse(raw(null, "52.5,13.4", 500.0, null), LIMITS, NOW);
        assertThat(wide.namespaces()).containsExactly(CacheNamespaces.ALL);
        SearchCriteria nothing = SearchCriteria.parse(raw(null, null, null, null), LIMITS, NOW);
        assertThat(nothing.namespaces()).containsExactly(CacheNamespaces.ALL);
    }
}
