package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Accounts.newAccount;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.multipart;
import static com.smartlinkauto.e2e.Platform.send;
import static com.smartlinkauto.e2e.Platform.sendBytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.smartlinkauto.e2e.Accounts.Account;

import tools.jackson.databind.JsonNode;

/**
 * The vehicle catalogue through the gateway only (issue #5): a verified partner lists a vehicle with a
 * photo, an admin approves it, and an anonymous renter finds it by city and dates, reads its public
 * details and downloads the photo. The partner's verification reaches vehicle-service over Kafka
 * ({@code user.events}), so the search is awaited.
 */
class VehicleCatalogE2EIT {

    /** ISO 3779 alphabet: digits and A-Z without I, O and Q. */
    private static final String VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final SplittableRandom RANDOM = new SplittableRandom();

    @Test
    void aPartnersApprovedVehicleIsFoundAndShownToAnonymousRenters() {
        Account admin = Accounts.admin();
        Account partner = newAccount("/api/partners", "partner");
        Accounts.setPartnerVerification(admin, partner.id(), "VERIFIED", null);

        String city = "E2E-City-" + UUID.randomUUID().toString().substring(0, 12);
        String vin = vin();
        HttpResponse<String> listed = send(partner.as(Accounts.postJson("/api/partners/" + partner.id() + "/vehicles",
                listing(city, vin))));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        JsonNode vehicle = json(listed);
        String vehicleId = vehicle.path("id").asString();
        assertThat(vehicle.path("status").asString()).isEqualTo("PENDING_REVIEW");
        assertThat(vehicle.path("vin").asString()).as("the owner sees the VIN").isEqualTo(vin);
        assertThat(vehicle.path("partnerId").asString()).isEqualTo(partner.id());
        assertThat(listed.headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).endsWith("/api/vehicles/" + vehicleId));

        // a real PNG, sniffed by its content
        byte[] png = png();
        HttpResponse<String> uploaded = send(partner.as(multipart(gateway("/api/vehicles/" + vehicleId + "/photos"),
                "file", "front.png", "image/png", png)));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode photo = json(uploaded);
        String photoId = photo.path("id").asString();
        String photoUrl = "/api/vehicles/" + vehicleId + "/photos/" + photoId;
        assertThat(photo.path("contentType").asString()).isEqualTo("image/png");
        assertThat(photo.path("size").asLong()).isEqualTo(png.length);
        assertThat(photo.path("url").asString()).isEqualTo(photoUrl);

        // text that claims to be a PNG is refused by its content
        HttpResponse<String> text = send(partner.as(multipart(gateway("/api/vehicles/" + vehicleId + "/photos"),
                "file", "notes.png", "image/png", "not an image, just some text\n".getBytes(StandardCharsets.UTF_8))));
        assertThat(text.statusCode()).as(text.body()).isEqualTo(415);
        assertThat(text.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // not yet approved: invisible to the public
        String from = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
        String to = Instant.now().plus(33, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toString();
        HttpResponse<String> before = send(gateway("/api/vehicles?city=" + encode(city)));
        assertThat(before.statusCode()).as(before.body()).isEqualTo(200);
        assertThat(json(before).path("items")).as("search before approval").isEmpty();
        assertThat(json(before).path("totalElements").asLong()).isZero();
        assertThat(send(gateway("/api/vehicles/" + vehicleId)).statusCode()).as("details before approval")
                .isEqualTo(404);

        HttpResponse<String> approved = send(admin.as(gateway("/api/admin/vehicles/" + vehicleId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"ACTIVE\",\"reason\":\"e2e: looks fine\"}")));
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("ACTIVE");

        // anonymous renter: by city and dates; bookable once the partner's verification has arrived
        String search = "/api/vehicles?city=" + encode(city.toLowerCase()) + "&from=" + encode(from) + "&to="
                + encode(to);
        JsonNode[] found = new JsonNode[1];
        Awaitility.await().atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> result = send(gateway(search));
            assertThat(result.statusCode()).as(result.body()).isEqualTo(200);
            assertThat(json(result).path("items")).as("search after approval").hasSize(1);
            found[0] = json(result);
        });
        JsonNode page = found[0];
        assertThat(page.path("totalElements").asLong()).isEqualTo(1);
        assertThat(page.path("page").asInt()).isZero();
        JsonNode item = page.path("items").get(0);
        assertThat(item.path("id").asString()).isEqualTo(vehicleId);
        assertThat(item.path("make").asString()).isEqualTo("Volkswagen");
        assertThat(item.path("model").asString()).isEqualTo("Golf");
        assertThat(item.path("city").asString()).isEqualTo(city);
        assertThat(item.path("basePricePerDay").decimalValue()).isEqualByComparingTo("49.90");
        assertThat(item.path("currency").asString()).isEqualTo("EUR");
        assertThat(item.path("coverPhotoUrl").asString()).isEqualTo(photoUrl);
        assertThat(page.toString()).as("search results").doesNotContain(vin);

        HttpResponse<String> details = send(gateway("/api/vehicles/" + vehicleId));
        assertThat(details.statusCode()).as(details.body()).isEqualTo(200);
        JsonNode view = json(details);
        assertThat(view.path("id").asString()).isEqualTo(vehicleId);
        assertThat(view.path("status").asString()).isEqualTo("ACTIVE");
        assertThat(view.path("bookable").asBoolean()).isTrue();
        assertThat(view.has("vin")).as("VIN in the public view").isFalse();
        assertThat(view.has("licensePlate")).as("plate in the public view").isFalse();
        assertThat(details.body()).doesNotContain(vin);
        assertThat(StreamSupport.stream(view.path("photos").spliterator(), false)
                .map(p -> p.path("id").asString()).toList()).containsExactly(photoId);

        HttpResponse<byte[]> download = sendBytes(gateway(photoUrl));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.body()).as("the photo's bytes").isEqualTo(png);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("image/png");
        String etag = "\"" + sha256(png) + "\"";
        assertThat(download.headers().firstValue("ETag")).hasValue(etag);
        HttpResponse<byte[]> unchanged = sendBytes(gateway(photoUrl).header("If-None-Match", etag));
        assertThat(unchanged.statusCode()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();

        // the partner blacks out days inside the searched dates: the same search no longer finds it, other
        // dates still do
        String blackoutFrom = Instant.parse(from).plus(1, ChronoUnit.DAYS).toString();
        String blackoutTo = Instant.parse(from).plus(2, ChronoUnit.DAYS).toString();
        HttpResponse<String> blackout = send(partner.as(Accounts.postJson("/api/vehicles/" + vehicleId + "/blackouts",
                "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"e2e maintenance\"}".formatted(blackoutFrom, blackoutTo))));
        assertThat(blackout.statusCode()).as(blackout.body()).isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(35)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(json(send(gateway(search))).path("items")).as("search across the blackout").isEmpty());
        String later = "/api/vehicles?city=" + encode(city) + "&from="
                + encode(Instant.parse(to).plus(7, ChronoUnit.DAYS).toString()) + "&to="
                + encode(Instant.parse(to).plus(9, ChronoUnit.DAYS).toString());
        HttpResponse<String> otherDates = send(gateway(later));
        assertThat(otherDates.statusCode()).as(otherDates.body()).isEqualTo(200);
        assertThat(json(otherDates).path("items")).as("search after the blackout").hasSize(1);
    }

    @Test
    void aPartnerCannotTouchAnotherPartnersVehicle() {
        Account admin = Accounts.admin();
        Account owner = newAccount("/api/partners", "partner");
        Account other = newAccount("/api/partners", "partner");
        Accounts.setPartnerVerification(admin, owner.id(), "VERIFIED", null);
        Accounts.setPartnerVerification(admin, other.id(), "VERIFIED", null);

        HttpResponse<String> listed = send(owner.as(Accounts.postJson("/api/partners/" + owner.id() + "/vehicles",
                listing("E2E-City-" + UUID.randomUUID().toString().substring(0, 12), vin()))));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        String vehicleId = json(listed).path("id").asString();

        // not theirs: as if it did not exist
        HttpResponse<String> patched = send(other.as(gateway("/api/vehicles/" + vehicleId))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"basePricePerDay\":1.00}")));
        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(404);
        assertThat(patched.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        HttpResponse<String> photo = send(other.as(multipart(gateway("/api/vehicles/" + vehicleId + "/photos"),
                "file", "front.png", "image/png", png())));
        assertThat(photo.statusCode()).as(photo.body()).isEqualTo(404);
        HttpResponse<String> listedForOwner = send(other.as(Accounts.postJson(
                "/api/partners/" + owner.id() + "/vehicles", listing("E2E-City-x", vin()))));
        assertThat(listedForOwner.statusCode()).as(listedForOwner.body()).isEqualTo(403);

        HttpResponse<String> mine = send(owner.as(gateway("/api/vehicles/" + vehicleId)));
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(json(mine).path("basePricePerDay").decimalValue()).as("price unchanged").isEqualByComparingTo("49.90");

        HttpResponse<String> anonymous = send(gateway("/api/vehicles/" + vehicleId)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"basePricePerDay\":1.00}")));
        assertThat(anonymous.statusCode()).as("anonymous PATCH").isEqualTo(401);
    }

    private static String listing(String city, String vin) {
        String plate = "E2E-" + RANDOM.nextInt(100_000, 1_000_000);
        return """
                {"make":"Volkswagen","model":"Golf","year":2022,"vin":"%s","licensePlate":"%s",
                 "basePricePerDay":49.90,"currency":"EUR",
                 "location":{"city":"%s","country":"DE","latitude":52.5200,"longitude":13.4050},
                 "seats":5,"transmission":"MANUAL","fuelType":"PETROL",
                 "description":"Listed by the e2e suite","features":["air conditioning","bluetooth"],
                 "turnaroundMinutes":60}
                """.formatted(vin, plate, city);
    }

    private static String vin() {
        StringBuilder vin = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_ALPHABET.charAt(RANDOM.nextInt(VIN_ALPHABET.length())));
        }
        return vin.toString();
    }

    /** A small, real PNG (64 × 48, some shapes), encoded by the JDK. */
    private static byte[] png() {
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(RANDOM.nextInt(0x1000000)));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillOval(8, 8, 24, 24);
        g.setColor(Color.BLACK);
        g.drawLine(0, 47, 63, 0);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertThat(ImageIO.write(image, "png", out)).isTrue();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
