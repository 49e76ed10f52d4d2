package com.smartlinkauto.booking;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.smartlinkauto.testsupport.IntegrationTest;
import com.smartlinkauto.testsupport.security.TestTokens;

/**
 * What every booking-service IT starts from: the service on a random port against real PostgreSQL, Redis and an
 * embedded Kafka, vehicle-service's internal API as a real HTTP stub ({@link VehicleServiceStub}), tokens of renters,
 * partners, an admin and payment-service, and the requests the tests repeat.
 */
@IntegrationTest
@Import(TestTokens.Decoder.class)
public abstract class BookingTestSupport {

    protected static final VehicleServiceStub vehicles = VehicleServiceStub.shared();

    @DynamicPropertySource
    static void vehicleService(DynamicPropertyRegistry registry) {
        registry.add("smartlink.bookings.vehicles.base-url", vehicles::baseUrl);
    }

    @Value("${local.server.port}")
    protected int port;

    @Value("${spring.kafka.bootstrap-servers}")
    protected String bootstrapServers;

    @Autowired
    protected JdbcClient jdbc;

    protected BookingApi api;

    protected final String admin = TestTokens.token(UUID.randomUUID(), List.of("ADMIN"), Duration.ofMinutes(30));
    /** payment-service's service token for this service, as user-service's POST /oauth2/token issues it. */
    protected final String paymentService = TestTokens.service("payment-service", "booking-service");

    @BeforeEach
    void client() {
        api = new BookingApi(port);
    }

    /** A user: their id and a token with their roles. */
    public record Party(UUID id, String token) {
    }

    protected static Party party(String... roles) {
        return party(UUID.randomUUID(), roles);
    }

    protected static Party party(UUID id, String... roles) {
        return new Party(id, TestTokens.token(id, List.of(roles), Duration.ofMinutes(30)));
    }

    protected static Party renter() {
        return party("RENTER");
    }

    /** The partner who owns {@code vehicle}, signed in. */
    protected static Party owner(VehicleServiceStub.Vehicle vehicle) {
        return party(vehicle.partnerId(), "PARTNER");
    }

    /** A whole minute at least {@code ahead} from now. */
    protected static Instant minuteIn(Duration ahead) {
        return Instant.now().plus(ahead).plus(Duration.ofMinutes(1)).truncatedTo(ChronoUnit.MINUTES);
    }

    protected static Map<String, Object> body(UUID vehicleId, Instant pickup, Instant ret) {
        return Map.of("vehicleId", vehicleId.toString(), "pickupAt", pickup.toString(), "returnAt", ret.toString());
    }

    /** {@code POST /api/bookings} with a new Idempotency-Key. */
    protected BookingApi.Reply hold(Party renter, UUID vehicleId, Instant pickup, Instant ret) {
        return hold(renter, UUID.randomUUID().toString(), vehicleId, pickup, ret);
    }

    protected BookingApi.Reply hold(Party renter, String key, UUID vehicleId, Instant pickup, Instant ret) {
        return api.post("/api/bookings").token(renter.token()).header("Idempotency-Key", key)
                .json(body(vehicleId, pickup, ret)).send();
    }

    /** A 201 hold's booking id. */
    protected UUID held(Party renter, UUID vehicleId, Instant pickup, Instant ret) {
        return UUID.fromString(hold(renter, vehicleId, pickup, ret).expect(201).text("id"));
    }

    /** {@code POST /internal/bookings/{id}/confirm} as payment-service. */
    protected BookingApi.Reply confirm(UUID bookingId, String paymentReference) {
        BookingApi.Call call = api.post("/internal/bookings/" + bookingId + "/confirm").token(paymentService);
        if (paymentReference != null) {
            call.json(Map.of("paymentReference", paymentReference));
        }
        return call.send();
    }

    protected String status(UUID bookingId) {
        return jdbc.sql("select status from bookings where id = ?").param(bookingId).query(String.class).single();
    }

    /** Pairs of HELD/CONFIRMED bookings of one vehicle whose [pickup, return + turnaround) overlap, over the table. */
    protected long overlappingPairs() {
        return jdbc.sql("select count(*) from bookings a join bookings b on a.vehicle_id = b.vehicle_id and a.id < b.id "
                + "where a.status in ('HELD', 'CONFIRMED') and b.status in ('HELD', 'CONFIRMED') "
                + "and tstzrange(a.pickup_at, a.return_at + make_interval(mins => a.turnaround_minutes), '[)') "
                + "&& tstzrange(b.pickup_at, b.return_at + make_interval(mins => b.turnaround_minutes), '[)')")
                .query(Long.class).single();
    }

    protected long count(String sql, Object... params) {
        return jdbc.sql(sql).params(params).query(Long.class).single();
    }
}
