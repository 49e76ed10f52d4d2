package com.smartlinkauto.booking.dashboard;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.booking.bookings.BookingStatus;
import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.cache.DashboardCache;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.Money;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The dashboards, read through {@link DashboardCache}: a partner's earnings (10 min, namespace of that partner), the
 * admin revenue (10 min, namespace {@code revenue}), a renter's totals (5 min, namespace of that renter) and the
 * admin overview's bookings and revenue (1 min, namespaces {@code booking-counts} and {@code revenue}). Each is
 * computed from a few SQL aggregates ({@link DashboardQueries}) in one read-only transaction (one snapshot), then
 * assembled here from the groups — never from individual rows. Computations are timed as
 * {@code smartlink_bookings_dashboard_query_seconds{dashboard}} (the misses only).
 */
@Service
public class Dashboards {

    /** The revenue group of bookings whose city was not recorded (held before it was). */
    public static final String UNKNOWN_CITY = "unknown";

    private static final BigDecimal SECONDS_PER_DAY = BigDecimal.valueOf(86_400);

    /** How a partner's earnings are grouped. */
    enum EarningsGroup {
        MONTH, VEHICLE
    }

    /**
     * The zone of every day and month of the dashboards: the admin revenue's days and months, the earnings' months,
     * the overview's today and this month.
     */
    static final ZoneOffset ZONE = ZoneOffset.UTC;

    /** {@link #ZONE}'s name as the overview reports it. */
    static final String ZONE_NAME = "UTC";

    private final DashboardQueries queries;
    private final DashboardCache cache;
    private final TransactionTemplate readOnly;
    private final BigDecimal commissionPercent;
    private final Clock clock;
    private final MeterRegistry meters;

    Dashboards(DashboardQueries queries, DashboardCache cache, PlatformTransactionManager transactions,
            BookingProperties properties, Clock clock, MeterRegistry meters) {
        this.queries = queries;
        this.cache = cache;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        // one snapshot for the few queries of one dashboard (read-only: never a serialisation failure)
        this.readOnly.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
        this.commissionPercent = properties.earnings().commissionPercent();
        this.meters = meters;
    }

    /** The partner's {@link EarningsView} as JSON, as cached: a hit is sent without being parsed. */
    String earnings(UUID partner, Window window, EarningsGroup group) {
        String key = partner + "|" + window.from() + "|" + window.to() + "|" + group;
        return cache.readThroughJson(DashboardCache.EARNINGS, List.of(CacheNamespaces.partner(partner)), key,
                () -> timed("earnings", () -> computeEarnings(partner, window, group)));
    }

    /** The admin {@link RevenueView} as JSON, as cached: a hit is sent without being parsed. */
    String revenue(Window window, DashboardQueries.RevenueGroup group) {
        String key = window.from() + "|" + window.to() + "|" + group;
        return cache.readThroughJson(DashboardCache.REVENUE, List.of(CacheNamespaces.REVENUE), key,
                () -> timed("revenue", () -> computeRevenue(window, group)));
    }

    /**
     * The admin overview's bookings and revenue (cached 1 min under the booking counts and the revenue: any booking
     * change, payment or refund bumps it). The entry is the day's: from midnight on, a new one is computed.
     */
    OverviewView overview() {
        Instant now = clock.instant();
        String key = LocalDate.ofInstant(now, ZONE).toString();
        return cache.readThrough(DashboardCache.OVERVIEW,
                List.of(CacheNamespaces.BOOKING_COUNTS, CacheNamespaces.REVENUE), key, OverviewView.class,
                () -> timed("overview", () -> computeOverview(now)));
    }

    /**
     * The overview as of {@code now}, in one snapshot: one aggregate over the bookings created this month, and the
     * admin revenue's totals (the very computation of {@code GET /api/admin/revenue}) for this month and the last.
     */
    OverviewView computeOverview(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZONE);
        YearMonth month = YearMonth.from(today);
        Instant dayFrom = today.atStartOfDay(ZONE).toInstant();
        Instant dayTo = today.plusDays(1).atStartOfDay(ZONE).toInstant();
        Instant monthFrom = month.atDay(1).atStartOfDay(ZONE).toInstant();
        Instant monthTo = month.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
        Instant lastMonthFrom = month.minusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
        return readOnly.execute(status -> {
            Map<String, Long> bookingsToday = new LinkedHashMap<>();
            Map<String, Long> bookingsThisMonth = new LinkedHashMap<>();
            for (BookingStatus bookingStatus : BookingStatus.values()) {
                bookingsToday.put(bookingStatus.name(), 0L);
                bookingsThisMonth.put(bookingStatus.name(), 0L);
            }
            for (DashboardQueries.StatusCount count : queries.bookingsByStatus(dayFrom, dayTo, monthFrom, monthTo)) {
                bookingsToday.merge(count.status(), count.today(), Long::sum);
                bookingsThisMonth.merge(count.status(), count.month(), Long::sum);
            }
            return new OverviewView(now, ZONE_NAME, bookingsToday,
                    bookingsThisMonth, monthRevenue(new Window(monthFrom, monthTo)),
                    monthRevenue(new Window(lastMonthFrom, monthFrom)));
        });
    }

    /** The revenue's totals per currency over a month, as {@code GET /api/admin/revenue?groupBy=month} has them. */
    private OverviewView.MonthRevenue monthRevenue(Window month) {
        RevenueView revenue = computeRevenue(month, DashboardQueries.RevenueGroup.MONTH);
        return new OverviewView.MonthRevenue(month.from(), month.to(), revenue.currencies().stream()
                .map(c -> new OverviewView.CurrencyRevenue(c.currency(), c.totals().gross(), c.totals().refunds(),
                        c.totals().commission(), c.totals().net(), c.totals().payments(), c.totals().refundCount()))
                .toList());
    }

    /** What the renter paid and got back, per currency (cached 5 min; a payment or refund of theirs bumps it). */
    public RenterTotals renterTotals(UUID renter) {
        return cache.readThrough(DashboardCache.RENTER_HISTORY, List.of(CacheNamespaces.renter(renter)),
                renter.toString(), RenterTotals.class, () -> timed("renter-history", () -> new RenterTotals(
                        readOnly.execute(status -> queries.renterTotals(renter)).stream()
                                .map(p -> new RenterTotals.CurrencyTotals(p.currency(),
                                        Money.toMajor(p.paidMinor(), p.currency()),
                                        Money.toMajor(p.refundedMinor(), p.currency())))
                                .toList())));
    }

    private <T> T timed(String dashboard, Supplier<T> computation) {
        return Timer.builder("smartlink.bookings.dashboard.query")
                .description("Dashboards computed from the database (cache misses)").tag("dashboard", dashboard)
                .register(meters).record(computation);
    }

    private EarningsView computeEarnings(UUID partner, Window window, EarningsGroup group) {
        boolean byVehicle = group == EarningsGroup.VEHICLE;
        record Figures(List<DashboardQueries.Amounts> ledger, List<DashboardQueries.Rentals> grouped,
                List<DashboardQueries.Rentals> vehicles, List<DashboardQueries.Rentals> totals) {
        }
        Figures figures = readOnly.execute(status -> {
            List<DashboardQueries.Rentals> vehicles = queries.rentalsByVehicle(partner, window);
            return new Figures(queries.partnerLedger(partner, window, byVehicle),
                    byVehicle ? vehicles : queries.rentalsByMonth(partner, window), vehicles,
                    queries.rentalsTotal(partner, window));
        });

        // currency → group → [gross, refunds, rentals, seconds]
        Map<String, Map<String, long[]>> byCurrency = new TreeMap<>();
        for (DashboardQueries.Amounts a : figures.ledger()) {
            long[] line = line(byCurrency, a.currency(), a.group());
            line[0] += a.grossMinor();
            line[1] += a.refundsMinor();
        }
        for (DashboardQueries.Rentals r : figures.grouped()) {
            long[] line = line(byCurrency, r.currency(), r.group());
            line[2] += r.rentals();
            line[3] += r.seconds();
        }
        Map<String, DashboardQueries.Rentals> rentalTotals = new TreeMap<>();
        figures.totals().forEach(r -> rentalTotals.put(r.currency(), r));
        rentalTotals.keySet().forEach(currency -> byCurrency.computeIfAbsent(currency, c -> new TreeMap<>()));
        if (!byVehicle) {
            // every month of the window, also those without money or rentals (a chart's x-axis)
            for (Map<String, long[]> groups : byCurrency.values()) {
                for (String month : months(window)) {
                    groups.computeIfAbsent(month, m -> new long[4]);
                }
            }
        }

        List<EarningsView.CurrencyEarnings> currencies = new ArrayList<>();
        byCurrency.forEach((currency, groups) -> {
            long gross = 0;
            long refunds = 0;
            List<EarningsView.Group> lines = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : groups.entrySet()) {
                long[] l = entry.getValue();
                gross += l[0];
                refunds += l[1];
                long commission = Commission.of(l[0], l[1], commissionPercent);
                lines.add(new EarningsView.Group(entry.getKey(), Money.toMajor(l[0], currency),
                        Money.toMajor(l[1], currency), Money.toMajor(commission, currency),
                        Money.toMajor(l[0] - l[1] - commission, currency), l[2], days(l[3])));
            }
            long commission = Commission.of(gross, refunds, commissionPercent);
            DashboardQueries.Rentals rented = rentalTotals.get(currency);
            currencies.add(new EarningsView.CurrencyEarnings(currency, new EarningsView.Totals(
                    Money.toMajor(gross, currency), Money.toMajor(refunds, currency),
                    Money.toMajor(commission, currency), Money.toMajor(gross - refunds - commission, currency),
                    rented == null ? 0 : rented.rentals(), days(rented == null ? 0 : rented.seconds())), lines));
        });

        // vehicle → [rentals, seconds] over every currency
        Map<String, long[]> vehicles = new TreeMap<>();
        for (DashboardQueries.Rentals r : figures.vehicles()) {
            long[] v = vehicles.computeIfAbsent(r.group(), k -> new long[2]);
            v[0] += r.rentals();
            v[1] += r.seconds();
        }
        long windowSeconds = window.seconds();
        List<EarningsView.VehicleUtilisation> utilisation = new ArrayList<>();
        vehicles.forEach((vehicle, v) -> utilisation.add(new EarningsView.VehicleUtilisation(UUID.fromString(vehicle),
                v[0], days(v[1]), BigDecimal.valueOf(v[1]).divide(BigDecimal.valueOf(windowSeconds), 4,
                        RoundingMode.HALF_UP))));
        return new EarningsView(partner, window.from(), window.to(), group.name().toLowerCase(), commissionPercent,
                currencies, utilisation);
    }

    private RevenueView computeRevenue(Window window, DashboardQueries.RevenueGroup group) {
        List<DashboardQueries.Amounts> rows = readOnly.execute(status -> queries.revenue(window, group));
        // currency → group → [gross, refunds, payments, refund count]
        Map<String, Map<String, long[]>> byCurrency = new TreeMap<>();
        for (DashboardQueries.Amounts a : rows) {
            long[] line = line(byCurrency, a.currency(), a.group());
            line[0] += a.grossMinor();
            line[1] += a.refundsMinor();
            line[2] += a.payments();
            line[3] += a.refundCount();
        }
        List<RevenueView.CurrencyRevenue> currencies = new ArrayList<>();
        byCurrency.forEach((currency, groups) -> {
            long[] total = new long[4];
            List<RevenueView.Group> lines = new ArrayList<>();
            for (Map.Entry<String, long[]> entry : groups.entrySet()) {
                long[] l = entry.getValue();
                for (int i = 0; i < 4; i++) {
                    total[i] += l[i];
                }
                long commission = Commission.of(l[0], l[1], commissionPercent);
                lines.add(new RevenueView.Group(entry.getKey(), Money.toMajor(l[0], currency),
                        Money.toMajor(l[1], currency), Money.toMajor(commission, currency),
                        Money.toMajor(l[0] - l[1] - commission, currency), l[2], l[3]));
            }
            long commission = Commission.of(total[0], total[1], commissionPercent);
            currencies.add(new RevenueView.CurrencyRevenue(currency, new RevenueView.Figures(
                    Money.toMajor(total[0], currency), Money.toMajor(total[1], currency),
                    Money.toMajor(commission, currency), Money.toMajor(total[0] - total[1] - commission, currency),
                    total[2], total[3]), lines));
        });
        return new RevenueView(window.from(), window.to(), group.name().toLowerCase(), commissionPercent, currencies);
    }

    private static long[] line(Map<String, Map<String, long[]>> byCurrency, String currency, String group) {
        return byCurrency.computeIfAbsent(currency, c -> new TreeMap<>()).computeIfAbsent(group, g -> new long[4]);
    }

    /** Whole seconds as days, 2 decimals, half-up. */
    static BigDecimal days(long seconds) {
        return BigDecimal.valueOf(seconds).divide(SECONDS_PER_DAY, 2, RoundingMode.HALF_UP);
    }

    /** The UTC months {@code [from, to)} touches, as {@code 2026-03}. */
    static List<String> months(Window window) {
        TreeSet<String> months = new TreeSet<>();
        YearMonth month = YearMonth.from(window.from().atOffset(ZoneOffset.UTC));
        while (month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).isBefore(window.to())) {
            months.add(month.toString());
            month = month.plusMonths(1);
        }
        return List.copyOf(months);
    }
}
