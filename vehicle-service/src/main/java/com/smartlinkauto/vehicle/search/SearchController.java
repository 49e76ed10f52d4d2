package com.smartlinkauto.vehicle.search;

import java.math.BigDecimal;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@Tag(name = "search")
class SearchController {

    private final SearchService search;

    SearchController(SearchService search) {
        this.search = search;
    }

    @GetMapping(path = "/api/vehicles", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Search bookable vehicles (public)",
            description = "Only ACTIVE vehicles of VERIFIED partners; with from/to only those free for the whole "
                    + "[from, to) including their turnaround around every booking. Cached for up to 30 s; a "
                    + "change of a vehicle or a booking invalidates the searches it can affect.",
            security = {})
    @ApiResponse(responseCode = "200", content = @Content(schema = @Schema(implementation = SearchResult.class)))
    ResponseEntity<String> search(
            @Parameter(description = "case-insensitive; at most 80 characters (also lower-cased), no control characters")
            @RequestParam(required = false) String city,
            @Parameter(description = "ISO 3166-1 alpha-2") @RequestParam(required = false) String country,
            @Parameter(description = "lat,lon of the centre, e.g. 52.52,13.405") @RequestParam(required = false) String near,
            @Parameter(description = "with near; default 25, at most 500") @RequestParam(required = false) Double radiusKm,
            @Parameter(description = "ISO-8601 with offset, 1970 to 2200") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 with offset, after from, at most 365 days later, 1970 to 2200")
            @RequestParam(required = false) String to,
            @Parameter(description = "at most 60 characters, no control characters") @RequestParam(required = false) String make,
            @Parameter(description = "at most 60 characters, no control characters") @RequestParam(required = false) String model,
            @Parameter(description = "≥ 0, at most 10 digits before the point and 4 after")
            @RequestParam(required = false) BigDecimal minPrice,
            @Parameter(description = "≥ minPrice, at most 10 digits before the point and 4 after")
            @RequestParam(required = false) BigDecimal maxPrice,
            @Parameter(description = "at least this many seats, 1 to 9") @RequestParam(required = false) Integer seats,
            @Parameter(description = "MANUAL or AUTOMATIC") @RequestParam(required = false) String transmission,
            @RequestParam(required = false) String fuelType,
            @Parameter(description = "0 to 10000") @RequestParam(required = false) Integer page,
            @Parameter(description = "1 to 100") @RequestParam(required = false) Integer size,
            @Parameter(description = "price, year or distance, optionally ,asc or ,desc (default: distance with "
                    + "near, else price)") @RequestParam(required = false) String sort) {
        String body = search.searchJson(new SearchCriteria.Raw(city, country, near, radiusKm, from, to, make, model,
                minPrice, maxPrice, seats, transmission, fuelType, page, size, sort));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
