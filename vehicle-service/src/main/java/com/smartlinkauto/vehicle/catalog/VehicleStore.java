package com.smartlinkauto.vehicle.catalog;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code vehicles} and {@code vehicle_audit} tables. */
@Repository
public class VehicleStore {

    static final String COLUMNS = "id, partner_id, make, model, year, vin, license_plate, price_minor, currency, city, "
            + "country, latitude, longitude, seats, transmission, fuel_type, description, features, "
            + "turnaround_minutes, status, status_reason, suspension_cause, partner_verified, created_at, updated_at, "
            + "version";

    public static final RowMapper<Vehicle> ROWS = VehicleStore::map;

    private final JdbcClient jdbc;

    VehicleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Vehicle v) {
        jdbc.sql("insert into vehicles (id, partner_id, make, model, year, vin, license_plate, license_plate_key, "
                + "price_minor, base_price, currency, city, city_key, country, latitude, longitude, seats, transmission, fuel_type, "
                + "description, features, turnaround_minutes, status, partner_verified, created_at, updated_at) "
                + "values (:id, :partner, :make, :model, :year, :vin, :plate, :plateKey, :price, :basePrice, :currency, :city, "
                + ":cityKey, :country, :lat, :lon, :seats, :transmission, :fuel, :description, :features, :turnaround, "
                + ":status, :partnerVerified, :at, :at)")
                .param("id", v.id()).param("partner", v.partnerId()).param("make", v.make()).param("model", v.model())
                .param("year", v.year()).param("vin", v.vin()).param("plate", v.licensePlate())
                .param("plateKey", VehicleRules.plateKey(v.licensePlate())).param("price", v.priceMinor())
                .param("basePrice", v.basePricePerDay())
                .param("currency", v.currency()).param("city", v.city()).param("cityKey", VehicleRules.cityKey(v.city()))
                .param("country", v.country()).param("lat", v.latitude()).param("lon", v.longitude())
                .param("seats", v.seats()).param("transmission", v.transmission().name())
                .param("fuel", v.fuelType().name()).param("description", v.description())
                .param("features", v.features().toArray(String[]::new)).param("turnaround", v.turnaroundMinutes())
                .param("status", v.status().name()).param("partnerVerified", v.partnerVerified())
                .param("at", Timestamp.from(v.createdAt()))
                .update();
    }

    /** The owner's editable fields, after the change. */
    void update(Vehicle v) {
        jdbc.sql("update vehicles set price_minor = :price, base_price = :basePrice, description = :description, features = :features, "
                + "city = :city, city_key = :cityKey, country = :country, latitude = :lat, longitude = :lon, "
                + "turnaround_minutes = :turnaround, status = :status, status_reason = :reason, "
                + "updated_at = :at, version = version + 1 where id = :id")
                .param("price", v.priceMinor()).param("basePrice", v.basePricePerDay()).param("description", v.description())
                .param("features", v.features().toArray(String[]::new)).param("city", v.city())
                .param("cityKey", VehicleRules.cityKey(v.city())).param("country", v.country())
                .param("lat", v.latitude()).param("lon", v.longitude()).param("turnaround", v.turnaroundMinutes())
                .param("status", v.status().name()).param("reason", v.statusReason())
                .param("at", Timestamp.from(v.updatedAt())).param("id", v.id())
                .update();
    }

    void setStatus(UUID id, VehicleStatus status, String reason, SuspensionCause cause, Instant at) {
        jdbc.sql("update vehicles set status = :status, status_reason = :reason, suspension_cause = :cause, "
                + "updated_at = :at, version = version + 1 where id = :id")
                .param("status", status.name()).param("reason", reason)
                .param("cause", cause == null ? null : cause.name()).param("at", Timestamp.from(at)).param("id", id)
                .update();
    }

    /**
     * Vehicles per status and the bookable ones, in one statement (one snapshot): a scan of
     * {@code vehicles_status_idx} (status, partner_verified), not of the rows.
     */
    public VehicleStats stats(Instant now) {
        Map<VehicleStatus, Long> byStatus = new EnumMap<>(VehicleStatus.class);
        for (VehicleStatus status : VehicleStatus.values()) {
            byStatus.put(status, 0L);
        }
        long[] bookable = { 0 };
        jdbc.sql("select status, count(*) as vehicles, count(*) filter (where partner_verified) as verified "
                + "from vehicles group by status")
                .query((ResultSet rs) -> {
                    VehicleStatus status = VehicleStatus.valueOf(rs.getString("status"));
                    byStatus.put(status, rs.getLong("vehicles"));
                    if (status == VehicleStatus.ACTIVE) {
                        bookable[0] = rs.getLong("verified");
                    }
                });
        long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
        return new VehicleStats(total, Collections.unmodifiableMap(byStatus), byStatus.get(VehicleStatus.ACTIVE),
                byStatus.get(VehicleStatus.PENDING_REVIEW), bookable[0], now);
    }

    public Optional<Vehicle> find(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from vehicles where id = ?").param(id).query(ROWS).optional();
    }

    /** The row, locked until the transaction ends (status changes are serialised per vehicle). */
    public Optional<Vehicle> lock(UUID id) {
        return jdbc.sql("select " + COLUMNS + " from vehicles where id = ? for update").param(id).query(ROWS)
                .optional();
    }

    List<Vehicle> byPartner(UUID partnerId, VehicleStatus status, int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from vehicles where partner_id = :partner "
                + "and (cast(:status as varchar) is null or status = :status) "
                + "order by created_at desc, id limit :limit offset :offset")
                .param("partner", partnerId).param("status", status == null ? null : status.name())
                .param("limit", size).param("offset", (long) page * size)
                .query(ROWS).list();
    }

    long countByPartner(UUID partnerId, VehicleStatus status) {
        return jdbc.sql("select count(*) from vehicles where partner_id = :partner "
                + "and (cast(:status as varchar) is null or status = :status)")
                .param("partner", partnerId).param("status", status == null ? null : status.name())
                .query(Long.class).single();
    }

    List<Vehicle> pending(int page, int size) {
        return jdbc.sql("select " + COLUMNS + " from vehicles where status = 'PENDING_REVIEW' "
                + "order by created_at, id limit :limit offset :offset")
                .param("limit", size).param("offset", (long) page * size).query(ROWS).list();
    }

    long countPending() {
        return jdbc.sql("select count(*) from vehicles where status = 'PENDING_REVIEW'").query(Long.class).single();
    }

    /** Whether a blocking booking of the vehicle ends after {@code now}. */
    public boolean hasFutureBookings(UUID vehicleId, Instant now) {
        return jdbc.sql("select exists (select 1 from vehicle_bookings where vehicle_id = :id "
                + "and upper(period) > :now and (status = 'CONFIRMED' or (status = 'HELD' and "
                + "(expires_at is null or expires_at > :now))))")
                .param("id", vehicleId).param("now", Timestamp.from(now)).query(Boolean.class).single();
    }

    void audit(UUID vehicleId, UUID actorId, String action, VehicleStatus from, VehicleStatus to, String reason) {
        jdbc.sql("insert into vehicle_audit (vehicle_id, actor_id, action, from_status, to_status, reason) "
                + "values (?, ?, ?, ?, ?, ?)")
                .params(vehicleId, actorId, action, from == null ? null : from.name(), to == null ? null : to.name(),
                        reason)
                .update();
    }

    List<AuditEntry> auditTrail(UUID vehicleId) {
        return jdbc.sql("select id, vehicle_id, actor_id, action, from_status, to_status, reason, at "
                + "from vehicle_audit where vehicle_id = ? order by at desc, id desc")
                .param(vehicleId)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), rs.getObject("vehicle_id", UUID.class),
                        rs.getObject("actor_id", UUID.class), rs.getString("action"), rs.getString("from_status"),
                        rs.getString("to_status"), rs.getString("reason"), rs.getTimestamp("at").toInstant()))
                .list();
    }

    public List<PhotoRef> photos(UUID vehicleId) {
        return jdbc.sql("select id, content_type, size_bytes from vehicle_photos where vehicle_id = ? "
                + "order by position, created_at, id")
                .param(vehicleId)
                .query((rs, n) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    return new PhotoRef(id, rs.getString("content_type"), rs.getLong("size_bytes"),
                            PhotoRef.url(vehicleId, id));
                })
                .list();
    }

    /** The vehicles of a partner (for the verification cascade), locked until the transaction ends. */
    List<Vehicle> lockByPartner(UUID partnerId) {
        return jdbc.sql("select " + COLUMNS + " from vehicles where partner_id = ? order by id for update")
                .param(partnerId).query(ROWS).list();
    }

    void setPartnerVerified(UUID partnerId, boolean verified) {
        jdbc.sql("update vehicles set partner_verified = ? where partner_id = ? and partner_verified <> ?")
                .params(verified, partnerId, verified).update();
    }

    static Vehicle map(ResultSet rs, int row) throws SQLException {
        Array features = rs.getArray("features");
        String cause = rs.getString("suspension_cause");
        return new Vehicle(rs.getObject("id", UUID.class), rs.getObject("partner_id", UUID.class),
                rs.getString("make"), rs.getString("model"), rs.getInt("year"), rs.getString("vin"),
                rs.getString("license_plate"), rs.getLong("price_minor"), rs.getString("currency"),
                rs.getString("city"), rs.getString("country"), rs.getDouble("latitude"), rs.getDouble("longitude"),
                rs.getInt("seats"), Transmission.valueOf(rs.getString("transmission")),
                FuelType.valueOf(rs.getString("fuel_type")), rs.getString("description"),
                features == null ? List.of() : List.copyOf(Arrays.asList((String[]) features.getArray())),
                rs.getInt("turnaround_minutes"), VehicleStatus.valueOf(rs.getString("status")),
                rs.getString("status_reason"), cause == null ? null : SuspensionCause.valueOf(cause),
                rs.getBoolean("partner_verified"), rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(), rs.getLong("version"));
    }

    /** One line of a vehicle's verification/status history. */
    public record AuditEntry(long id, UUID vehicleId, UUID actorId, String action, String fromStatus,
            String toStatus, String reason, Instant at) {
    }
}
