package com.smartlinkauto.vehicle.catalog;

import java.util.List;
import java.util.function.Function;

/** A page of a list as the API returns it. */
public record PageView<T>(List<T> items, int page, int size, long totalElements, long totalPages) {

    public static <S, T> PageView<T> of(VehicleService.Page<S> page, Function<S, T> mapper) {
        return new PageView<>(page.items().stream().map(mapper).toList(), page.page(), page.size(),
                page.totalElements(), page.totalPages());
    }
}
