package com.smartlinkauto.vehicle.search;

import java.time.Clock;

import org.springframework.stereotype.Service;

import com.smartlinkauto.vehicle.cache.VehicleCache;
import com.smartlinkauto.vehicle.config.VehicleProperties;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.json.JsonMapper;

/** Public search: read through the cache (30 s, invalidated by vehicle and booking changes), else one query. */
@Service
public class SearchService {

    private final SearchRepository repository;
    private final VehicleCache cache;
    private final JsonMapper json;
    private final VehicleProperties properties;
    private final Clock clock;
    private final Timer queryTimer;

    SearchService(SearchRepository repository, VehicleCache cache, JsonMapper json, VehicleProperties properties,
            Clock clock, MeterRegistry meters) {
        this.repository = repository;
        this.cache = cache;
        this.json = json;
        this.properties = properties;
        this.clock = clock;
        this.queryTimer = Timer.builder("smartlink.vehicles.search.query").description("Search queries run on the database")
                .publishPercentileHistogram().register(meters);
    }

    /** The result page as JSON. */
    public String searchJson(SearchCriteria.Raw raw) {
        SearchCriteria criteria = SearchCriteria.parse(raw, properties.search(), clock.instant());
        return cache.readThrough(VehicleCache.SEARCH, criteria.namespaces(), criteria.cacheKey(),
                () -> json.writeValueAsString(search(criteria)));
    }

    public SearchResult search(SearchCriteria criteria) {
        return queryTimer.record(() -> repository.search(criteria, clock.instant()));
    }
}
