package com.smartlinkauto.vehicle.search;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.smartlinkauto.vehicle.catalog.FuelType;
import com.smartlinkauto.vehicle.catalog.Transmission;

/** One page of search results. */
public record SearchResult(List<Item> items, int page, int size, long totalElements, long totalPages, String sort) {

    /**
     * A bookable vehicle in the results. {@code distanceKm} is set for searches {@code near} a point;
     * {@code coverPhotoUrl} when the vehicle has photos.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Item(UUID id, UUID partnerId, String make, String model, int year, BigDecimal basePricePerDay,
            String currency, String city, String country, double latitude, double longitude, int seats,
            Transmission transmission, FuelType fuelType, List<String> features, int turnaroundMinutes,
            Double distanceKm, String coverPhotoUrl) {
    }
}
