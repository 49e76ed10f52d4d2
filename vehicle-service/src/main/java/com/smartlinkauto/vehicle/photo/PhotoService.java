package com.smartlinkauto.vehicle.photo;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.multipart.MultipartFile;

import com.smartlinkauto.contracts.events.EventEnvelope;
import com.smartlinkauto.contracts.events.vehicle.VehicleEventTypes;
import com.smartlinkauto.contracts.events.vehicle.VehicleUpdated;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.storageclient.StorageClient;
import com.smartlinkauto.storageclient.StorageDownload;
import com.smartlinkauto.storageclient.StoredFile;
import com.smartlinkauto.vehicle.catalog.PartnerQuotas;
import com.smartlinkauto.vehicle.catalog.Vehicle;
import com.smartlinkauto.vehicle.catalog.VehicleService;
import com.smartlinkauto.vehicle.catalog.VehicleStatus;
import com.smartlinkauto.vehicle.catalog.VehicleStore;
import com.smartlinkauto.vehicle.catalog.VehiclesChanged;
import com.smartlinkauto.vehicle.config.VehicleProperties;
import com.smartlinkauto.vehicle.shared.Caller;
import com.smartlinkauto.vehicle.shared.Invalid;
import com.smartlinkauto.vehicle.shared.VehicleProblems;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Vehicle photos: checked (JPEG/PNG/WebP by content, size, count), stored in the storage network, the
 * reference kept here. The bytes are stored before the row: a failed insert deletes them again, a
 * deleted row deletes them after commit.
 */
@Service
class PhotoService {

    private static final Logger log = LoggerFactory.getLogger(PhotoService.class);

    private final PhotoStore photos;
    private final VehicleStore vehicles;
    private final VehicleService vehicleService;
    private final PartnerQuotas quotas;
    private final StorageClient storage;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final VehicleProperties.Photos limits;
    private final Clock clock;
    private final MeterRegistry meters;

    PhotoService(PhotoStore photos, VehicleStore vehicles, VehicleService vehicleService, PartnerQuotas quotas,
            StorageClient storage, ApplicationEventPublisher events, TransactionTemplate tx,
            VehicleProperties properties, Clock clock, MeterRegistry meters) {
        this.photos = photos;
        this.vehicles = vehicles;
        this.vehicleService = vehicleService;
        this.quotas = quotas;
        this.storage = storage;
        this.events = events;
        this.tx = tx;
        this.limits = properties.photos();
        this.clock = clock;
        this.meters = meters;
    }

    Photo add(UUID vehicleId, MultipartFile file, Caller caller) throws IOException {
        Vehicle vehicle = vehicleService.managed(vehicleId, caller);
        checkAccepting(vehicle, photos.count(vehicleId));
        if (file == null || file.isEmpty()) {
            throw Invalid.field("file", "must be a non-empty image");
        }
        if (file.getSize() > limits.maxBytes()) {
            throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE,
                    "A photo may have at most " + limits.maxBytes() + " bytes.", Map.of("maxBytes", limits.maxBytes()));
        }
        // early answer before any byte travels; decided again under the partner's lock below
        quotas.checkPhoto(vehicle.partnerId(), file.getSize());
        StoredFile stored;
        try (InputStream in = new BufferedInputStream(file.getInputStream(), 64 * 1024)) {
            in.mark(ImageType.SNIFF_BYTES);
            byte[] head = in.readNBytes(ImageType.SNIFF_BYTES);
            in.reset();
            ImageType type = ImageType.sniff(head, head.length).orElseThrow(() -> new ApiException(
                    HttpStatus.UNSUPPORTED_MEDIA_TYPE, VehicleProblems.UNSUPPORTED_IMAGE,
                    "A photo must be a JPEG, PNG or WebP image (recognised by its content).",
                    Map.of("accepted", List.of("image/jpeg", "image/png", "image/webp"))));
            stored = storage.store(in, file.getSize(), type.contentType, "vehicle-" + vehicleId + "-photo");
        }
        Photo photo = new Photo(UUID.randomUUID(), vehicleId, stored.fileId(), stored.contentType(), stored.size(),
                stored.sha256(), 0, clock.instant());
        try {
            tx.executeWithoutResult(status -> {
                // the partner's uploads one at a time past this point: their quota holds under concurrency
                quotas.lock(vehicle.partnerId());
                Vehicle locked = vehicles.lock(vehicleId).orElseThrow(() -> VehicleProblems.vehicleNotFound(vehicleId));
                checkAccepting(locked, photos.count(vehicleId));
                quotas.checkPhoto(vehicle.partnerId(), photo.size());
                photos.insert(photo);
                photosChanged(locked);
            });
        }
        catch (RuntimeException ex) {
            deleteQuietly(stored.fileId());
            throw ex;
        }
        meters.counter("smartlink.vehicles.photos.uploaded").increment();
        return photo;
    }

    /** A photo and whether its vehicle is public (bookable). */
    record Visible(Photo photo, boolean publicVehicle) {
    }

    /** The photo if the caller may see the vehicle (anyone for a bookable one). */
    Visible visible(UUID vehicleId, UUID photoId, Caller caller) {
        Vehicle vehicle = vehicleService.visible(vehicleId, caller);
        Photo photo = photos.find(vehicleId, photoId).orElseThrow(() -> ApiException.notFound("Photo " + photoId));
        return new Visible(photo, vehicle.bookable());
    }

    void delete(UUID vehicleId, UUID photoId, Caller caller) {
        vehicleService.managed(vehicleId, caller);
        Photo photo = tx.execute(status -> {
            Vehicle locked = vehicles.lock(vehicleId).orElseThrow(() -> VehicleProblems.vehicleNotFound(vehicleId));
            Photo found = photos.find(vehicleId, photoId).orElseThrow(() -> ApiException.notFound("Photo " + photoId));
            photos.delete(photoId);
            photosChanged(locked);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    deleteQuietly(found.fileId());
                }
            });
            return found;
        });
        log.debug("Deleted photo {} of vehicle {}", photo.id(), vehicleId);
    }

    /** The photo's bytes from the storage network; the caller closes the download. */
    StorageDownload open(Photo photo) {
        return storage.open(photo.fileId(), null);
    }

    private void checkAccepting(Vehicle vehicle, int count) {
        if (vehicle.status() == VehicleStatus.RETIRED) {
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.ILLEGAL_TRANSITION,
                    "A retired vehicle takes no photos.", Map.of("vehicleStatus", vehicle.status().name()));
        }
        if (count >= limits.maxPerVehicle()) {
            throw new ApiException(HttpStatus.CONFLICT, VehicleProblems.PHOTO_LIMIT,
                    "A vehicle has at most " + limits.maxPerVehicle() + " photos; delete one first.",
                    Map.of("maxPhotos", limits.maxPerVehicle()));
        }
    }

    private void photosChanged(Vehicle vehicle) {
        events.publishEvent(EventEnvelope.of(VehicleEventTypes.VEHICLE_UPDATED, vehicle.id().toString(),
                new VehicleUpdated(vehicle.id(), vehicle.partnerId(), List.of("photos"), vehicle.basePricePerDay(),
                        vehicle.currency(), vehicle.turnaroundMinutes(), vehicle.city(), vehicle.country(),
                        vehicle.status().name(), clock.instant())));
        events.publishEvent(VehiclesChanged.of(vehicle));
    }

    private void deleteQuietly(UUID fileId) {
        try {
            storage.delete(fileId);
        }
        catch (RuntimeException ex) {
            log.warn("Could not delete stored file {} (it stays in the storage network): {}", fileId, ex.toString());
        }
    }
}
