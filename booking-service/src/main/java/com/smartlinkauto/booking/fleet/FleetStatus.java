package com.smartlinkauto.booking.fleet;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import com.smartlinkauto.booking.cache.CacheNamespaces;
import com.smartlinkauto.booking.cache.DashboardCache;
import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.booking.vehicle.PartnerVehicles;
import com.smartlinkauto.booking.vehicle.VehicleCatalog;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * A partner's fleet status, read through the dashboards' cache ({@code fleet}, 1 min, namespace
 * {@link CacheNamespaces#fleet} of the partner: any change of one of their bookings bumps it after its commit). An
 * entry is never kept past the fleet's next change by the clock ({@link FleetView#nextChangeAt}: a rental starts
 * with no event). A miss asks vehicle-service for the page of vehicles (outside any transaction: no database
 * connection waits on it), then runs the four bounded queries of {@link FleetQueries} in one read-only snapshot.
 * Misses are timed as {@code smartlink_bookings_dashboard_query_seconds{dashboard="fleet"}}.
 */
@Service
class FleetStatus {

    /** Holds listed per vehicle at most; {@code pendingHoldCount} says how many there are. */
    static final int HOLDS_PER_VEHICLE = 20;

    private final VehicleCatalog catalog;
    private final FleetQueries queries;
    private final DashboardCache cache;
    private final TransactionTemplate readOnly;
    private final Clock clock;
    private final MeterRegistry meters;

    FleetStatus(VehicleCatalog catalog, FleetQueries queries, DashboardCache cache,
            PlatformTransactionManager transactions, Clock clock, MeterRegistry meters) {
        this.catalog = catalog;
        this.queries = queries;
        this.cache = cache;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.readOnly.setIsolationLevel(TransactionTemplate.ISOLATION_REPEATABLE_READ);
        this.clock = clock;
        this.meters = meters;
    }

    FleetView fleet(UUID partner, int page, int size) {
        return cache.readThrough(DashboardCache.FLEET, List.of(CacheNamespaces.fleet(partner)),
                partner + "|" + page + "|" + size, FleetView.class,
                () -> Timer.builder("smartlink.bookings.dashboard.query")
                        .description("Dashboards computed from the database (cache misses)").tag("dashboard", "fleet")
                        .register(meters).record(() -> compute(partner, page, size, clock.instant())),
                FleetView::nextChangeAt);
    }

    /** The fleet as of {@code now} (microseconds, as stored). */
    FleetView compute(UUID partner, int page, int size, Instant now) {
        Instant at = now.truncatedTo(ChronoUnit.MICROS);
        PartnerVehicles vehicles = catalog.partnerVehicles(partner, page, size);
        List<UUID> ids = vehicles.items().stream().map(PartnerVehicles.Vehicle::id).toList();
        record Snapshot(List<FleetQueries.Rental> onRent, List<FleetQueries.Rental> next,
                List<FleetQueries.Hold> holds, FleetQueries.Counts counts) {
        }
        Snapshot snapshot = readOnly.execute(status -> ids.isEmpty()
                ? new Snapshot(List.of(), List.of(), List.of(), queries.counts(partner, at))
                : new Snapshot(queries.onRent(partner, ids, at), queries.next(partner, ids, at),
                        queries.holds(partner, ids, at, HOLDS_PER_VEHICLE), queries.counts(partner, at)));

        Map<UUID, FleetView.Rental> onRent = rentals(snapshot.onRent());
        Map<UUID, FleetView.Rental> next = rentals(snapshot.next());
        Map<UUID, List<FleetView.Hold>> holds = new HashMap<>();
        Map<UUID, Long> holdCounts = new HashMap<>();
        for (FleetQueries.Hold h : snapshot.holds()) {
            holds.computeIfAbsent(h.vehicleId(), v -> new ArrayList<>()).add(new FleetView.Hold(h.bookingId(),
                    h.pickupAt(), h.returnAt(), h.holdExpiresAt(), Money.toMajor(h.totalMinor(), h.currency()),
                    h.currency()));
            holdCounts.put(h.vehicleId(), h.holds());
        }
        List<FleetView.VehicleStatus> items = new ArrayList<>(vehicles.items().size());
        for (PartnerVehicles.Vehicle v : vehicles.items()) {
            items.add(new FleetView.VehicleStatus(v.id(), v.make(), v.model(), v.year(), v.licensePlate(), v.city(),
                    v.status(), v.bookable(), onRent.get(v.id()), next.get(v.id()),
                    List.copyOf(holds.getOrDefault(v.id(), List.of())), holdCounts.getOrDefault(v.id(), 0L)));
        }
        FleetQueries.Counts counts = snapshot.counts();
        long total = vehicles.totalElements();
        return new FleetView(partner, at, counts.nextChange(),
                new FleetView.Counts(total, counts.onRent(), counts.upcoming(), counts.holds()), items, page, size,
                total, (total + size - 1) / size);
    }

    private static Map<UUID, FleetView.Rental> rentals(List<FleetQueries.Rental> rows) {
        Map<UUID, FleetView.Rental> byVehicle = new LinkedHashMap<>();
        for (FleetQueries.Rental r : rows) {
            byVehicle.putIfAbsent(r.vehicleId(),
                    new FleetView.Rental(r.bookingId(), r.renterId(), r.pickupAt(), r.returnAt()));
        }
        return byVehicle;
    }
}
