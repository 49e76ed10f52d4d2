package com.smartlinkauto.vehicle.catalog;

import java.util.Map;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.util.unit.DataSize;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.vehicle.config.VehicleProperties;
import com.smartlinkauto.vehicle.shared.VehicleProblems;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * What one partner may list and store ({@code smartlink.vehicles.quotas}): a PENDING or REJECTED partner at
 * most a few vehicles, every partner a number and a total size of photos across all their vehicles (smaller
 * until they are verified). Checks run inside the transaction that adds the vehicle or photo, after
 * {@link #lock} took the partner's transaction-scoped advisory lock: two uploads of one partner at the same
 * moment are serialised, so they cannot both slip under the limit.
 */
@Component
public class PartnerQuotas {

    /** Mixed into the advisory lock key, so these locks do not collide with other features' keys. */
    private static final long NAMESPACE = 0x5641_5254_4e45_5251L;

    private final JdbcClient jdbc;
    private final PartnerDirectory partners;
    private final VehicleProperties.Quotas quotas;
    private final MeterRegistry meters;

    PartnerQuotas(JdbcClient jdbc, PartnerDirectory partners, VehicleProperties properties, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.partners = partners;
        this.quotas = properties.quotas();
        this.meters = meters;
    }

    /** Holds the partner's quota lock until the current transaction ends. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(UUID partnerId) {
        long key = partnerId.getMostSignificantBits() ^ partnerId.getLeastSignificantBits() ^ NAMESPACE;
        jdbc.sql("select pg_advisory_xact_lock(?)").param(key).query((rs, n) -> 1).single();
    }

    /** 409 quota-exceeded when a partner who is not VERIFIED already has the most vehicles they may list. */
    public void checkVehicle(UUID partnerId, PartnerDirectory.Status status) {
        if (status == PartnerDirectory.Status.VERIFIED) {
            return;
        }
        int max = quotas.unverified().maxVehicles();
        long listed = jdbc.sql("select count(*) from vehicles where partner_id = ? and status <> 'RETIRED'")
                .param(partnerId).query(Long.class).single();
        if (listed >= max) {
            throw exceeded("vehicles", max, "A partner who is not verified yet may list at most " + max
                    + " vehicles; more can be listed once the partner is verified.");
        }
    }

    /**
     * 409 quota-exceeded when one more photo of {@code bytes} would take the partner past their photo count or
     * total size (the VERIFIED quota for verified partners, else the unverified one).
     */
    public void checkPhoto(UUID partnerId, long bytes) {
        boolean verified = partners.status(partnerId) == PartnerDirectory.Status.VERIFIED;
        int maxPhotos = verified ? quotas.verified().maxPhotos() : quotas.unverified().maxPhotos();
        DataSize maxBytes = verified ? quotas.verified().maxPhotoBytes() : quotas.unverified().maxPhotoBytes();
        Usage usage = jdbc.sql("select count(*), coalesce(sum(p.size_bytes), 0) from vehicle_photos p "
                + "join vehicles v on v.id = p.vehicle_id where v.partner_id = ?")
                .param(partnerId).query((rs, n) -> new Usage(rs.getLong(1), rs.getLong(2))).single();
        String who = verified ? "A partner" : "A partner who is not verified yet";
        if (usage.photos() >= maxPhotos) {
            throw exceeded("photos", maxPhotos, who + " may keep at most " + maxPhotos
                    + " photos across all their vehicles. Delete some first.");
        }
        if (usage.bytes() + bytes > maxBytes.toBytes()) {
            throw exceeded("photoBytes", maxBytes.toBytes(), who + " may keep at most " + maxBytes.toBytes()
                    + " bytes (" + maxBytes.toMegabytes() + " MB) of photos across all their vehicles; "
                    + usage.bytes() + " are used. Delete some first.");
        }
    }

    private record Usage(long photos, long bytes) {
    }

    private ApiException exceeded(String quota, long limit, String detail) {
        meters.counter("smartlink.vehicles.quota.exceeded", "quota", quota).increment();
        return new ApiException(HttpStatus.CONFLICT, VehicleProblems.QUOTA_EXCEEDED, detail,
                Map.of("quota", quota, "limit", limit));
    }
}
