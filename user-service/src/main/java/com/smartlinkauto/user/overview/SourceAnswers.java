package com.smartlinkauto.user.overview;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.smartlinkauto.user.overview.AdminOverview.BookingsPart;
import com.smartlinkauto.user.overview.AdminOverview.CurrencyRevenue;
import com.smartlinkauto.user.overview.AdminOverview.Nodes;
import com.smartlinkauto.user.overview.AdminOverview.PartStatus;
import com.smartlinkauto.user.overview.AdminOverview.Period;
import com.smartlinkauto.user.overview.AdminOverview.RevenuePart;
import com.smartlinkauto.user.overview.AdminOverview.StoragePart;
import com.smartlinkauto.user.overview.AdminOverview.VehiclesPart;

/**
 * What the other services answer, as read here (unknown fields ignored: a source may add some), and their
 * checks: an answer that is incomplete, negative, unbounded or inconsistent is {@link InvalidAnswer}, reported as
 * an unavailable part rather than passed on to an admin as figures.
 */
final class SourceAnswers {

    /** A status, role or similar key as the sources name them. */
    private static final Pattern KEY = Pattern.compile("[A-Z][A-Z_]{0,31}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final int MAX_KEYS = 32;
    private static final int MAX_CURRENCIES = 200;
    /** Larger than any real amount in any currency's major unit; scale at most 4 (the platform's money). */
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000000");

    private SourceAnswers() {
    }

    /** The answer cannot be used: missing, negative, out of bounds or not adding up. */
    static final class InvalidAnswer extends RuntimeException {

        InvalidAnswer(String message) {
            super(message);
        }
    }

    /** vehicle-service's {@code GET /internal/vehicles/stats}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record VehicleStats(Long total, Map<String, Long> byStatus, Long active, Long pendingReview, Long bookable,
            Instant asOf) {

        VehiclesPart part(Instant now) {
            Map<String, Long> statuses = counts("byStatus", byStatus);
            long sum = statuses.values().stream().mapToLong(Long::longValue).sum();
            long all = count("total", total);
            long activeVehicles = count("active", active);
            long pending = count("pendingReview", pendingReview);
            long canBook = count("bookable", bookable);
            check(sum == all, "total is not the sum of byStatus");
            check(canBook <= activeVehicles && activeVehicles <= all && pending <= all, "figures do not add up");
            return new VehiclesPart(PartStatus.AVAILABLE, null, asOf != null ? asOf : now, all, activeVehicles, pending,
                    canBook, statuses);
        }
    }

    /** booking-service's {@code GET /internal/overview}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record BookingOverview(Instant asOf, String zone, Map<String, Long> bookingsToday,
            Map<String, Long> bookingsThisMonth, Revenue revenueThisMonth, Revenue revenueLastMonth) {

        BookingsPart bookings(Instant now) {
            return new BookingsPart(PartStatus.AVAILABLE, null, asOf != null ? asOf : now, checkedZone(),
                    counts("bookingsToday", bookingsToday), counts("bookingsThisMonth", bookingsThisMonth));
        }

        RevenuePart revenue(Instant now) {
            check(revenueThisMonth != null && revenueLastMonth != null, "revenue missing");
            return new RevenuePart(PartStatus.AVAILABLE, null, asOf != null ? asOf : now, checkedZone(),
                    revenueThisMonth.period("revenueThisMonth"), revenueLastMonth.period("revenueLastMonth"));
        }

        private String checkedZone() {
            check(zone == null || (zone.length() <= 64 && zone.matches("[A-Za-z0-9_+\\-/]+")), "zone");
            return zone == null ? "UTC" : zone;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Revenue(Instant from, Instant to, List<Currency> currencies) {

        Period period(String name) {
            check(from != null && to != null && from.isBefore(to), name + ": from/to");
            check(currencies != null && currencies.size() <= MAX_CURRENCIES, name + ": currencies");
            List<CurrencyRevenue> figures = new ArrayList<>(currencies.size());
            for (Currency c : currencies) {
                check(c != null && c.currency() != null && CURRENCY.matcher(c.currency()).matches(), name + ": currency");
                figures.add(new CurrencyRevenue(c.currency(), amount(c.gross()), amount(c.refunds()),
                        amount(c.commission()), amount(c.net()), count("payments", c.payments()),
                        count("refundCount", c.refundCount())));
            }
            return new Period(from, to, List.copyOf(figures));
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Currency(String currency, BigDecimal gross, BigDecimal refunds, BigDecimal commission, BigDecimal net,
            Long payments, Long refundCount) {
    }

    /** storage-controller-service's {@code GET /internal/storage/stats} (what the overview shows of it). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record StorageStats(NodeCounts nodes, Long files, Long underReplicatedChunks, Long unavailableChunks,
            Double storageUtilisationPercent, Instant generatedAt) {

        StoragePart part(Instant now) {
            check(nodes != null, "nodes missing");
            long total = count("nodes.total", nodes.total());
            long live = count("nodes.live", nodes.live());
            long stale = count("nodes.stale", nodes.stale());
            long dead = count("nodes.dead", nodes.dead());
            check(live + stale + dead == total, "nodes do not add up");
            check(storageUtilisationPercent == null
                    || (storageUtilisationPercent >= 0 && storageUtilisationPercent <= 100), "utilisation");
            return new StoragePart(PartStatus.AVAILABLE, null, generatedAt != null ? generatedAt : now,
                    new Nodes(total, live, stale, dead), count("underReplicatedChunks", underReplicatedChunks),
                    count("unavailableChunks", unavailableChunks), count("files", files), storageUtilisationPercent);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record NodeCounts(Long total, Long live, Long stale, Long dead) {
    }

    static long count(String name, Long value) {
        check(value != null && value >= 0, name);
        return value;
    }

    /** Counts per key, in key order; at most {@value #MAX_KEYS} keys, each an upper-case name. */
    static Map<String, Long> counts(String name, Map<String, Long> counts) {
        check(counts != null && counts.size() <= MAX_KEYS, name);
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((key, value) -> {
            check(key != null && KEY.matcher(key).matches(), name + ": key");
            sorted.put(key, count(name, value));
        });
        return sorted;
    }

    static BigDecimal amount(BigDecimal value) {
        check(value != null && value.abs().compareTo(MAX_AMOUNT) < 0 && value.scale() <= 4, "amount");
        return value;
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new InvalidAnswer("invalid " + what);
        }
    }
}
