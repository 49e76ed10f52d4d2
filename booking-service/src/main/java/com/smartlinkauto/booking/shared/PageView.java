package com.smartlinkauto.booking.shared;

import java.util.List;
import java.util.function.Function;

/** A page of a list as the API returns it: {@code {items, page, size, totalElements, totalPages}}. */
public record PageView<T>(List<T> items, int page, int size, long totalElements, long totalPages) {

    public static <S, T> PageView<T> of(List<S> items, int page, int size, long total, Function<S, T> mapper) {
        return new PageView<>(items.stream().map(mapper).toList(), page, size, total, (total + size - 1) / size);
    }
}
