package com.smartlinkauto.vehicle.partner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import com.smartlinkauto.vehicle.Api;
import com.smartlinkauto.vehicle.photo.PhotoTestSupport;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.JsonNode;

/**
 * Quotas per partner (issue #10: sign-ups nobody verified must not fill the catalogue or the storage
 * network), with the small limits of {@link PhotoTestSupport}: an unverified partner lists at most 2
 * vehicles and keeps at most 4 photos / 2 MB across them; a verified one at most 5 photos / 4 MB. Every
 * refusal is a 409 {@code quota-exceeded} naming the quota and its limit, stores nothing, and holds when
 * requests race.
 */
class PartnerQuotaIT extends PhotoTestSupport {

    @Autowired
    MeterRegistry meters;

    private Api.Response upload(UUID vehicleId, int bytes, String token) {
        return api.upload("/api/vehicles/" + vehicleId + "/photos", "file", "car.png", "image/png", png(bytes),
                Map.of(), token);
    }

    private long photos(UUID partnerId) {
        return jdbc.sql("select count(*) from vehicle_photos p join vehicles v on v.id = p.vehicle_id "
                + "where v.partner_id = ?").param(partnerId).query(Long.class).single();
    }

    private long vehicles(UUID partnerId) {
        return jdbc.sql("select count(*) from vehicles where partner_id = ?").param(partnerId).query(Long.class).single();
    }

    private static void assertQuota(Api.Response response, String quota, long limit) {
        response.assertProblem(409, "quota-exceeded");
        JsonNode problem = response.json();
        assertThat(problem.path("quota").asString()).isEqualTo(quota);
        assertThat(problem.path("limit").asLong()).isEqualTo(limit);
        assertThat(problem.path("detail").asString()).contains(Long.toString(limit));
    }

    @Test
    void anUnverifiedPartnerListsAtMostTwoVehiclesUntilVerified() {
        Partner partner = partner();
        UUID first = list(partner, listing());
        list(partner, listing());
        double refusals = meters.counter("smartlink.vehicles.quota.exceeded", "quota", "vehicles").count();
        assertQuota(api.post("/api/partners/" + partner.id() + "/vehicles", listing(), partner.token()), "vehicles", 2);
        assertQuota(api.post("/api/partners/" + partner.id() + "/vehicles", listing(), admin), "vehicles", 2);
        assertThat(vehicles(partner.id())).isEqualTo(2);
        assertThat(meters.counter("smartlink.vehicles.quota.exceeded", "quota", "vehicles").count())
                .isEqualTo(refusals + 2);
        // a retired vehicle no longer counts
        api.delete("/api/vehicles/" + first, partner.token()).assertStatus(200);
        list(partner, listing());
        // verified partners have no vehicle cap
        partnerStatus(partner.id(), "VERIFIED");
        list(partner, listing());
        list(partner, listing());
        assertThat(vehicles(partner.id())).isEqualTo(5);
    }

    @Test
    void concurrentListingsOfAnUnverifiedPartnerCannotPassTheCap() throws Exception {
        Partner partner = partner();
        List<Integer> statuses = race(8, () -> api.post("/api/partners/" + partner.id() + "/vehicles", listing(),
                partner.token()).status());
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(2);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(6);
        assertThat(vehicles(partner.id())).isEqualTo(2);
    }

    @Test
    void anUnverifiedPartnersPhotosAreLimitedInNumberAndBytesAcrossTheirVehicles() {
        Partner partner = partner();
        UUID a = list(partner, listing());
        UUID b = list(partner, listing());
        for (int i = 0; i < 3; i++) {
            upload(a, 1000, partner.token()).assertStatus(201);
        }
        upload(b, 1000, partner.token()).assertStatus(201);
        int stored = STORAGE.fileCount();
        // the per-vehicle limit (3) is not reached on b, the partner's (4) is
        assertQuota(upload(b, 1000, partner.token()), "photos", 4);
        assertThat(STORAGE.fileCount()).as("nothing stored for a refused photo").isEqualTo(stored);
        assertThat(photos(partner.id())).isEqualTo(4);

        Partner big = partner();
        UUID c = list(big, listing());
        UUID d = list(big, listing());
        upload(c, 1_500_000, big.token()).assertStatus(201);
        assertQuota(upload(d, 600_000, big.token()), "photoBytes", 2L * 1024 * 1024);
        upload(d, 500_000, big.token()).assertStatus(201);
        assertThat(photos(big.id())).isEqualTo(2);
        // deleting frees the quota
        String photo = api.get("/api/vehicles/" + c, big.token()).json().path("photos").get(0).path("url").asString();
        api.delete(photo, big.token()).assertStatus(204);
        upload(d, 600_000, big.token()).assertStatus(201);
    }

    @Test
    void aVerifiedPartnerHasTheLargerPhotoQuotaAndAnAdminsUploadsCountAgainstIt() {
        Partner partner = verifiedPartner();
        UUID a = list(partner, listing());
        UUID b = list(partner, listing());
        for (int i = 0; i < 3; i++) {
            upload(a, 1000, partner.token()).assertStatus(201);
        }
        upload(b, 1000, partner.token()).assertStatus(201);
        upload(b, 1000, admin).assertStatus(201);
        assertQuota(upload(b, 1000, partner.token()), "photos", 5);
        assertQuota(upload(b, 1000, admin), "photos", 5);
    }

    @Test
    void concurrentPhotoUploadsCannotPassThePartnersQuota() throws Exception {
        Partner partner = partner();
        UUID a = list(partner, listing());
        UUID b = list(partner, listing());
        int before = STORAGE.fileCount();
        AtomicInteger turn = new AtomicInteger();
        List<Integer> statuses = race(6,
                () -> upload(turn.getAndIncrement() % 2 == 0 ? a : b, 2000, partner.token()).status());
        // three per vehicle would fit the per-vehicle limit; the partner's quota of 4 decides
        assertThat(statuses).filteredOn(s -> s == 201).hasSize(4);
        assertThat(statuses).filteredOn(s -> s == 409).hasSize(2);
        assertThat(photos(partner.id())).isEqualTo(4);
        assertThat(STORAGE.fileCount() - before).as("refused uploads leave no file behind").isEqualTo(4);
    }

    /** Runs {@code n} calls at once (released together) and returns their results. */
    private static List<Integer> race(int n, Supplier<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Integer>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                results.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    }
                    catch (InterruptedException ex) {
                        Thread.currentThread().interrupt();
                    }
                    return call.get();
                }, pool));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (CompletableFuture<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        }
        finally {
            pool.shutdownNow();
        }
    }
}
