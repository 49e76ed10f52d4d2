package com.smartlinkauto.user.web;

/** Limits for the {@code page} and {@code size} query parameters of every paged endpoint. */
public final class Paging {

    public static final String DEFAULT_SIZE = "20";
    public static final int MAX_SIZE = 100;
    /** Deeper pages than this are refused: nobody pages through that, and offsets get slow. */
    public static final int MAX_PAGE = 10_000;

    private Paging() {
    }
}
