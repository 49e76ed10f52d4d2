package com.smartlinkauto.vehicle.catalog;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleListed;
import com.smartlinkauto.contracts.events.vehicle.VehicleUpdated;
import com.smartlinkauto.contracts.events.vehicle.VehicleVerificationChanged;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.vehicle.config.VehicleProperties;
import com.smartlinkauto.vehicle.shared.Caller;
import com.smartlinkauto.vehicle.shared.Invalid;
import com.smartlinkauto.vehicle.shared.VehicleProblems;

import io.micrometer.core.instrument.MeterRegistry;

/** Listing, editing, retiring, verifying and suspending vehicles; every status change is audited and published. */
@Service
public class VehicleService {

    private final VehicleStore store;
    private final PartnerDirectory partners;
    private final PartnerQuotas quotas;
    private final ApplicationEventPublisher events;
    private final VehicleProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    VehicleService(VehicleStore store, PartnerDirectory partners, PartnerQuotas quotas,
            ApplicationEventPublisher events, VehicleProperties properties, Clock clock, MeterRegistry meters) {
        this.store = store;
        this.partners = partners;
        this.quotas = quotas;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    @Transactional
    public Vehicle list(UUID partnerId, ListVehicleRequest request, Caller caller) {
        requireActsFor(caller, partnerId,
                "Only the partner themself or an admin may list vehicles for partner " + partnerId + ".");
        NewListing listing = NewListing.check(request, properties::maxPricePerDay, clock);
        // one listing of a partner at a time from here: the vehicle cap holds under concurrency. Taken before the
        // partner's status is read: a verification change takes the same lock before it updates the partner's
        // vehicles, so a listing made while it arrives sees either the new status or is updated by it (without
        // the lock both could miss each other and the vehicle stayed unbookable for good)
        quotas.lock(partnerId);
        PartnerDirectory.Status partnerStatus = listablePartner(partnerId);
        quotas.checkVehicle(partnerId, partnerStatus);
        Vehicle vehicle = listing.toVehicle(UUID.randomUUID(), partnerId,
                partnerStatus == PartnerDirectory.Status.VERIFIED, clock.instant());
        insertNew(vehicle);
        recordListed(vehicle, caller);
        return vehicle;
    }

    private static void requireActsFor(Caller caller, UUID partnerId, String detail) {
        if (!caller.actsFor(partnerId)) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, detail);
        }
    }

    /** The partner's standing; 403 partner-not-allowed when their verification was rejected or suspended. */
    private PartnerDirectory.Status listablePartner(UUID partnerId) {
        PartnerDirectory.Status status = partners.status(partnerId);
        if (status == PartnerDirectory.Status.REJECTED) {
            throw new ApiException(HttpStatus.FORBIDDEN, VehicleProblems.PARTNER_NOT_ALLOWED,
                    "The partner's verification was rejected or suspended: they cannot list vehicles.",
                    Map.of("partnerId", partnerId.toString()));
        }
        return status;
    }

    /** Inserts a new vehicle; a VIN or plate already listed (and not retired) is 409 duplicate-vehicle. */
    private void insertNew(Vehicle vehicle) {
        try {
            store.insert(vehicle);
        }
        catch (DuplicateKeyException ex) {
            boolean vin = String.valueOf(ex.getMessage()).contains("vehicles_vin_uq");
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.DUPLICATE_VEHICLE,
                    vin ? "A vehicle with this VIN is already listed." : "A vehicle with this licence plate is already listed.",
                    Map.of("field", vin ? "vin" : "licensePlate"));
        }
    }

    /** A new listing's audit line, its {@code VehicleListed} (through the outbox) and the metric. */
    private void recordListed(Vehicle vehicle, Caller caller) {
        store.audit(vehicle.id(), caller.id(), "LISTED", null, VehicleStatus.PENDING_REVIEW, null);
        events.publishEvent(EventEnvelope.of(VehicleEventTypes.VEHICLE_LISTED, vehicle.id().toString(),
                new VehicleListed(vehicle.id(), vehicle.partnerId(), vehicle.make(), vehicle.model(), vehicle.year(),
                        vehicle.city(), vehicle.country(), vehicle.basePricePerDay(), vehicle.currency(),
                        vehicle.seats(), vehicle.turnaroundMinutes(), vehicle.status().name(), vehicle.createdAt())));
        meters.counter("smartlink.vehicles.listed").increment();
    }

    /** The vehicle if the caller manages it (owner or admin); 404 otherwise. */
    @Transactional(readOnly = true)
    public Vehicle managed(UUID id, Caller caller) {
        Vehicle vehicle = store.find(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        if (!vehicle.managedBy(caller)) {
            throw VehicleProblems.vehicleNotFound(id);
        }
        return vehicle;
    }

    /** The vehicle if the caller may see it: anyone for a bookable vehicle, else its owner and admins. */
    @Transactional(readOnly = true)
    public Vehicle visible(UUID id, Caller caller) {
        Vehicle vehicle = store.find(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        if (!vehicle.bookable() && !vehicle.managedBy(caller)) {
            throw VehicleProblems.vehicleNotFound(id);
        }
        return vehicle;
    }

    @Transactional
    public Vehicle update(UUID id, UpdateVehicleRequest request, Caller caller) {
        if (request.empty()) {
            throw Invalid.field("body", "must change at least one of basePricePerDay, description, features, "
                    + "location, turnaroundMinutes");
        }
        Vehicle current = store.lock(id).filter(v -> v.managedBy(caller))
                .orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        if (!current.status().editable()) {
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.ILLEGAL_TRANSITION,
                    "A retired vehicle cannot be changed.", Map.of("vehicleStatus", current.status().name()));
        }
        List<String> changed = new ArrayList<>();
        long priceMinor = current.priceMinor();
        if (request.basePricePerDay() != null) {
            priceMinor = VehicleRules.priceMinor(request.basePricePerDay(), current.currency(),
                    properties.maxPricePerDay(current.currency()));
            addIf(changed, "basePricePerDay", priceMinor != current.priceMinor());
        }
        String description = current.description();
        if (request.description() != null) {
            description = VehicleRules.blankToNull(request.description());
            addIf(changed, "description", !java.util.Objects.equals(description, current.description()));
        }
        List<String> features = current.features();
        if (request.features() != null) {
            features = VehicleRules.features(request.features());
            addIf(changed, "features", !features.equals(current.features()));
        }
        String city = current.city();
        String country = current.country();
        double latitude = current.latitude();
        double longitude = current.longitude();
        if (request.location() != null) {
            city = request.location().city().strip();
            country = VehicleRules.country(request.location().country());
            latitude = request.location().latitude();
            longitude = request.location().longitude();
            addIf(changed, "location", !city.equals(current.city()) || !country.equals(current.country())
                    || latitude != current.latitude() || longitude != current.longitude());
        }
        int turnaround = request.turnaroundMinutes() != null ? request.turnaroundMinutes()
                : current.turnaroundMinutes();
        addIf(changed, "turnaroundMinutes", turnaround != current.turnaroundMinutes());
        if (changed.isEmpty()) {
            return current;
        }
        Instant now = clock.instant();
        // an edit of a rejected vehicle is its resubmission for review
        VehicleStatus status = current.status() == VehicleStatus.REJECTED ? VehicleStatus.PENDING_REVIEW
                : current.status();
        String statusReason = status == current.status() ? current.statusReason() : null;
        Vehicle updated = new Vehicle(current.id(), current.partnerId(), current.make(), current.model(),
                current.year(), current.vin(), current.licensePlate(), priceMinor, current.currency(), city, country,
                latitude, longitude, current.seats(), current.transmission(), current.fuelType(), description,
                features, turnaround, status, statusReason, current.suspensionCause(), current.partnerVerified(),
                current.createdAt(), now, current.version() + 1);
        store.update(updated);
        events.publishEvent(EventEnvelope.of(VehicleEventTypes.VEHICLE_UPDATED, id.toString(),
                new VehicleUpdated(id, current.partnerId(), List.copyOf(changed), updated.basePricePerDay(),
                        updated.currency(), turnaround, city, country, status.name(), now)));
        if (status != current.status()) {
            statusChanged(current, status, null, caller.id(), "RESUBMITTED", now);
        }
        // both places: searches where it was and where it is now
        events.publishEvent(VehiclesChanged.of(current, updated));
        return updated;
    }

    /** {@code DELETE /api/vehicles/{id}}: the owner (or an admin) retires the vehicle. */
    @Transactional
    public Vehicle retire(UUID id, Caller caller) {
        Vehicle current = store.lock(id).filter(v -> v.managedBy(caller))
                .orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        requireTransition(current, VehicleStatus.RETIRED);
        return moveTo(current, VehicleStatus.RETIRED, null, caller.id(), "RETIRED");
    }

    @Transactional
    public Vehicle verify(UUID id, StatusChangeRequest request, Caller admin) {
        if (!VehicleStatus.VERIFICATION_TARGETS.contains(request.status())) {
            throw Invalid.field("status", "must be ACTIVE or REJECTED");
        }
        String reason = VehicleRules.blankToNull(request.reason());
        if (request.status() == VehicleStatus.REJECTED && reason == null) {
            throw Invalid.field("reason", "is required to reject a vehicle");
        }
        Vehicle current = store.lock(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        if (!current.status().canBeVerifiedAs(request.status())) {
            throw VehicleProblems.illegalTransition(current.status(), request.status(),
                    "only a vehicle PENDING_REVIEW is verified");
        }
        String action = request.status() == VehicleStatus.ACTIVE ? "APPROVED" : "REJECTED";
        if (request.status() == VehicleStatus.ACTIVE
                && partners.status(current.partnerId()) == PartnerDirectory.Status.REJECTED) {
            // approved, but its partner is suspended: it waits, suspended, until the partner is verified again
            Vehicle approved = moveTo(current, VehicleStatus.ACTIVE, reason, admin.id(), action);
            return moveTo(approved, VehicleStatus.SUSPENDED, "The partner is not verified.", null,
                    "PARTNER_SUSPENDED", SuspensionCause.PARTNER);
        }
        return moveTo(current, request.status(), reason, admin.id(), action);
    }

    @Transactional
    public Vehicle changeStatus(UUID id, StatusChangeRequest request, Caller admin) {
        if (!VehicleStatus.STATUS_TARGETS.contains(request.status())) {
            throw Invalid.field("status", "must be ACTIVE, SUSPENDED or RETIRED");
        }
        String reason = VehicleRules.blankToNull(request.reason());
        if (request.status() == VehicleStatus.SUSPENDED && reason == null) {
            throw Invalid.field("reason", "is required to suspend a vehicle");
        }
        Vehicle current = store.lock(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        if (request.status() == VehicleStatus.ACTIVE && current.status() == VehicleStatus.SUSPENDED
                && partners.status(current.partnerId()) == PartnerDirectory.Status.REJECTED) {
            throw VehicleProblems.illegalTransition(current.status(), request.status(),
                    "its partner is suspended or rejected");
        }
        requireTransition(current, request.status());
        String action = switch (request.status()) {
            case ACTIVE -> "REACTIVATED";
            case SUSPENDED -> "SUSPENDED";
            default -> "RETIRED";
        };
        return moveTo(current, request.status(), reason, admin.id(), action);
    }

    /**
     * The partner's verification changed (from {@code user.events}): their vehicles become bookable or
     * not; ACTIVE ones are suspended when the partner is rejected or suspended, and those come back
     * when the partner is verified again. Vehicles an admin suspended stay suspended.
     */
    @Transactional
    public void partnerVerificationChanged(UUID partnerId, PartnerDirectory.Status status) {
        boolean verified = status == PartnerDirectory.Status.VERIFIED;
        // serialised with the partner's listings (see list): none is inserted unseen while this runs
        quotas.lock(partnerId);
        List<Vehicle> vehicles = store.lockByPartner(partnerId);
        store.setPartnerVerified(partnerId, verified);
        Instant now = clock.instant();
        for (Vehicle vehicle : vehicles) {
            if (status == PartnerDirectory.Status.REJECTED && vehicle.status() == VehicleStatus.ACTIVE) {
                moveTo(vehicle, VehicleStatus.SUSPENDED, "The partner's verification was withdrawn.", null,
                        "PARTNER_SUSPENDED", SuspensionCause.PARTNER);
            }
            else if (verified && vehicle.status() == VehicleStatus.SUSPENDED
                    && vehicle.suspensionCause() == SuspensionCause.PARTNER) {
                moveTo(vehicle, VehicleStatus.ACTIVE, null, null, "PARTNER_REINSTATED");
            }
            else if (vehicle.partnerVerified() != verified) {
                // bookable or not now without a status change (e.g. an ACTIVE vehicle of a partner verified at
                // last): said on vehicle.events too, so that booking-service's vehicle cache forgets it
                events.publishEvent(EventEnvelope.of(VehicleEventTypes.VEHICLE_UPDATED, vehicle.id().toString(),
                        new VehicleUpdated(vehicle.id(), vehicle.partnerId(), List.of("partnerVerified"),
                                vehicle.basePricePerDay(), vehicle.currency(), vehicle.turnaroundMinutes(),
                                vehicle.city(), vehicle.country(), vehicle.status().name(), now)));
            }
        }
        events.publishEvent(VehiclesChanged.of(vehicles));
    }

    @Transactional(readOnly = true)
    public Page<Vehicle> byPartner(UUID partnerId, VehicleStatus status, int page, int size, Caller caller) {
        requireActsFor(caller, partnerId,
                "Only the partner themself or an admin may see partner " + partnerId + "'s vehicles.");
        return new Page<>(store.byPartner(partnerId, status, page, size), page, size,
                store.countByPartner(partnerId, status));
    }

    @Transactional(readOnly = true)
    public Page<Vehicle> pending(int page, int size) {
        return new Page<>(store.pending(page, size), page, size, store.countPending());
    }

    @Transactional(readOnly = true)
    public List<VehicleStore.AuditEntry> auditTrail(UUID id) {
        store.find(id).orElseThrow(() -> VehicleProblems.vehicleNotFound(id));
        return store.auditTrail(id);
    }

    @Transactional(readOnly = true)
    public List<PhotoRef> photos(UUID vehicleId) {
        return store.photos(vehicleId);
    }

    private static void requireTransition(Vehicle current, VehicleStatus target) {
        if (!current.status().canMoveTo(target)) {
            throw VehicleProblems.illegalTransition(current.status(), target, null);
        }
    }

    /** Moves the vehicle to {@code target}; the caller has checked the transition is allowed. */
    private Vehicle moveTo(Vehicle current, VehicleStatus target, String reason, UUID actor, String action) {
        return moveTo(current, target, reason, actor, action,
                target == VehicleStatus.SUSPENDED ? SuspensionCause.ADMIN : null);
    }

    private Vehicle moveTo(Vehicle current, VehicleStatus target, String reason, UUID actor, String action,
            SuspensionCause cause) {
        Instant now = clock.instant();
        if (target == VehicleStatus.RETIRED && store.hasFutureBookings(current.id(), now)) {
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.HAS_FUTURE_BOOKINGS,
                    "The vehicle has bookings that have not ended yet; it can be retired after them.",
                    Map.of("vehicleId", current.id().toString()));
        }
        store.setStatus(current.id(), target, reason, cause, now);
        statusChanged(current, target, reason, actor, action, now);
        events.publishEvent(VehiclesChanged.of(current));
        return current.withStatus(target, reason, cause, now);
    }

    private void statusChanged(Vehicle vehicle, VehicleStatus to, String reason, UUID actor, String action,
            Instant now) {
        store.audit(vehicle.id(), actor, action, vehicle.status(), to, reason);
        events.publishEvent(EventEnvelope.of(VehicleEventTypes.VEHICLE_VERIFICATION_CHANGED,
                vehicle.id().toString(), new VehicleVerificationChanged(vehicle.id(), vehicle.partnerId(),
                        vehicle.status().name(), to.name(), reason, actor, now)));
        meters.counter("smartlink.vehicles.status.changes", "to", to.name()).increment();
    }

    private static void addIf(List<String> changed, String field, boolean condition) {
        if (condition) {
            changed.add(field);
        }
    }

    /** One page of a list. */
    public record Page<T>(List<T> items, int page, int size, long totalElements) {
        public long totalPages() {
            return size == 0 ? 0 : (totalElements + size - 1) / size;
        }
    }
}
