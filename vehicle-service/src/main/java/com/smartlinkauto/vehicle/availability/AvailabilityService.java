package com.smartlinkauto.vehicle.availability;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.vehicle.AvailabilityChanged;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.vehicle.catalog.Vehicle;
import com.smartlinkauto.vehicle.catalog.VehicleService;
import com.smartlinkauto.vehicle.catalog.VehicleStatus;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;
import com.smartlinkauto.vehicle.config.VehicleProperties;
import com.smartlinkauto.vehicle.shared.Caller;
import com.smartlinkauto.vehicle.shared.Invalid;
import com.smartlinkauto.vehicle.shared.VehicleProblems;

/** Partner blackouts and the busy intervals of a vehicle (blackouts plus bookings from booking.events). */
@Service
public class AvailabilityService {

    /** The longest window one availability request or one blackout may span. */
    static final Duration MAX_WINDOW = Duration.ofDays(366);

    private final AvailabilityStore store;
    private final VehicleStore vehicles;
    private final VehicleService vehicleService;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Duration blackoutMaxAhead;

    AvailabilityService(AvailabilityStore store, VehicleStore vehicles, VehicleService vehicleService,
            ApplicationEventPublisher events, Clock clock, VehicleProperties properties) {
        this.blackoutMaxAhead = properties.blackouts().maxAhead();
        this.store = store;
        this.vehicles = vehicles;
        this.vehicleService = vehicleService;
        this.events = events;
        this.clock = clock;
    }

    @Transactional
    public Blackout addBlackout(UUID vehicleId, BlackoutRequest request, Caller caller) {
        Vehicle vehicle = vehicles.lock(vehicleId).filter(v -> v.managedBy(caller))
                .orElseThrow(() -> VehicleProblems.vehicleNotFound(vehicleId));
        if (vehicle.status() == VehicleStatus.RETIRED) {
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.ILLEGAL_TRANSITION,
                    "A retired vehicle takes no blackouts.", Map.of("vehicleStatus", vehicle.status().name()));
        }
        checkWindow(request.from(), request.to());
        if (!request.to().isAfter(clock.instant())) {
            throw Invalid.field("to", "must be in the future");
        }
        if (request.to().isAfter(clock.instant().plus(blackoutMaxAhead))) {
            throw Invalid.field("to", "must be at most " + blackoutMaxAhead.toDays() + " days from now");
        }
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        Blackout blackout = new Blackout(UUID.randomUUID(), vehicleId, request.from(), request.to(), reason,
                caller.id(), clock.instant());
        try {
            store.insert(blackout);
        }
        catch (DataIntegrityViolationException ex) {
            if (String.valueOf(ex.getMessage()).contains("blackouts_no_overlap")) {
                throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.BLACKOUT_OVERLAP,
                        "The blackout overlaps another blackout of this vehicle.",
                        Map.of("vehicleId", vehicleId.toString()));
            }
            throw ex;
        }
        changed(vehicle, blackout, "BLACKOUT_ADDED");
        return blackout;
    }

    @Transactional(readOnly = true)
    public List<Blackout> blackouts(UUID vehicleId, Caller caller) {
        vehicleService.managed(vehicleId, caller);
        return store.blackouts(vehicleId);
    }

    @Transactional
    public void removeBlackout(UUID vehicleId, UUID blackoutId, Caller caller) {
        Vehicle vehicle = vehicles.lock(vehicleId).filter(v -> v.managedBy(caller))
                .orElseThrow(() -> VehicleProblems.vehicleNotFound(vehicleId));
        Blackout blackout = store.blackout(vehicleId, blackoutId)
                .orElseThrow(() -> ApiException.notFound("Blackout " + blackoutId));
        store.deleteBlackout(blackoutId);
        changed(vehicle, blackout, "BLACKOUT_REMOVED");
    }

    @Transactional(readOnly = true)
    public Availability availability(UUID vehicleId, Instant from, Instant to, Caller caller) {
        Vehicle vehicle = vehicleService.visible(vehicleId, caller);
        checkWindow(from, to);
        return new Availability(vehicleId, from, to, vehicle.turnaroundMinutes(),
                store.busy(vehicleId, vehicle.turnaroundMinutes(), from, to, clock.instant()));
    }

    private void changed(Vehicle vehicle, Blackout blackout, String change) {
        events.publishEvent(EventEnvelope.of(VehicleEventTypes.AVAILABILITY_CHANGED, vehicle.id().toString(),
                new AvailabilityChanged(vehicle.id(), blackout.id(), change, blackout.from(), blackout.to(),
                        clock.instant())));
        events.publishEvent(VehiclesChanged.of(vehicle));
    }

    private static void checkWindow(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            throw Invalid.field("to", "must be after from");
        }
        if (Duration.between(from, to).compareTo(MAX_WINDOW) > 0) {
            throw Invalid.field("to", "must be at most " + MAX_WINDOW.toDays() + " days after from");
        }
    }
}
