package com.smartlinkauto.e2e.fuzz;

import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.json;
import static com.smartlinkauto.e2e.Platform.send;
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
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;

import javax.imageio.ImageIO;

import org.awaitility.Awaitility;

import com.smartlinkauto.e2e.Accounts;
import com.smartlinkauto.e2e.Accounts.Account;
import com.smartlinkauto.e2e.Platform;
import com.smartlinkauto.e2e.fuzz.AccessPolicy.Role;
import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Operation;

import tools.jackson.databind.JsonNode;

/**
 * Who the fuzzer is and what it works on, created through the gateway like any client would: a renter, a
 * partner still pending, a verified partner (verified by the admin) who owns every partner resource the
 * fuzzer touches, the admin from {@code .smartlink/admin.txt}; throw-away accounts for the operations that
 * would change a shared identity (password change, login failures, refresh and logout); and vehicles,
 * photos, blackouts, documents, a notification, stored files, a transfer and the renter's bookings of the public
 * vehicle (one to read, one to cancel) to point path parameters at.
 * Operations that destroy or change state point at their own throw-away resource, never at the admin's or
 * another test's data; node decommissioning points at a node that does not exist.
 */
final class Fixtures {

    /** Node id that no storage node has: decommissioning is never pointed at a real node. */
    static final String NO_SUCH_NODE = "fuzz-no-such-node";

    record Identity(Role role, String label, String id, String email, String password, String accessToken) {
    }

    private static final SplittableRandom RANDOM = new SplittableRandom();

    final Map<Role, Identity> identities = new EnumMap<>(Role.class);
    /** A renter whose password the password-change operation may change. */
    Identity passwordChanger;
    /** A renter whose login the login operation fuzzes (failures count against it, not a shared account). */
    Identity loginVictim;
    final Map<String, String> values = new HashMap<>();
    final List<String> notes = new ArrayList<>();
    private final Set<String> linksBefore = new LinkedHashSet<>();
    private Account admin;

    static Fixtures create(Set<String> services) {
        Fixtures fixtures = new Fixtures();
        fixtures.createIdentities();
        if (services.contains("vehicle-service")) {
            fixtures.createVehicles();
        }
        if (services.contains("vehicle-service") && services.contains("booking-service")) {
            fixtures.createBookings();
        }
        if (services.contains("storage-controller-service")) {
            fixtures.createStorage();
        }
        fixtures.awaitNotification();
        return fixtures;
    }

    Identity identity(Role role) {
        return identities.get(role);
    }

    private void createIdentities() {
        admin = Accounts.admin();
        identities.put(Role.ANONYMOUS, new Identity(Role.ANONYMOUS, "anonymous", null, null, null, null));
        identities.put(Role.ADMIN, new Identity(Role.ADMIN, "admin", adminId(), admin.email(), null, admin.accessToken()));
        identities.put(Role.RENTER, identity(Role.RENTER, Accounts.newAccount("/api/auth/register", "fuzz-renter")));
        identities.put(Role.PARTNER_PENDING,
                identity(Role.PARTNER_PENDING, Accounts.newAccount("/api/partners", "fuzz-pending")));
        Account verified = Accounts.newAccount("/api/partners", "fuzz-verified");
        Accounts.setPartnerVerification(admin, verified.id(), "VERIFIED", null);
        identities.put(Role.PARTNER_VERIFIED, identity(Role.PARTNER_VERIFIED, verified));
        passwordChanger = identity(Role.RENTER, Accounts.newAccount("/api/auth/register", "fuzz-password"));
        loginVictim = identity(Role.ANONYMOUS, Accounts.newAccount("/api/auth/register", "fuzz-login"));
        values.put("partner.verified", verified.id());
        values.put("partner.to-verify", Accounts.newAccount("/api/partners", "fuzz-to-verify").id());
        Account sessions = Accounts.newAccount("/api/auth/register", "fuzz-sessions");
        values.put("refresh.refresh", refreshToken(sessions));
        values.put("refresh.logout", refreshToken(sessions));

        Identity partner = identity(Role.PARTNER_VERIFIED);
        values.put("document", upload(partner, "DRIVER_LICENCE"));
        values.put("document.delete", upload(partner, "INSURANCE"));
    }

    private static Identity identity(Role role, Account account) {
        return new Identity(role, role.name().toLowerCase(), account.id(), account.email(), account.password(),
                account.accessToken());
    }

    private String adminId() {
        HttpResponse<String> me = send(admin.as(gateway("/api/users/me")));
        assertThat(me.statusCode()).as("admin /api/users/me: %s", me.body()).isEqualTo(200);
        return json(me).path("id").asString();
    }

    private static String refreshToken(Account account) {
        HttpResponse<String> response = send(Accounts.postJson("/api/auth/login",
                "{\"email\":\"%s\",\"password\":\"%s\"}".formatted(account.email(), account.password())));
        assertThat(response.statusCode()).as("login: %s", response.body()).isEqualTo(200);
        return json(response).path("refreshToken").asString();
    }

    private String upload(Identity partner, String type) {
        HttpResponse<String> response = send(bearer(partner, Platform.multipart(
                gateway("/api/partners/me/documents?type=" + type), "file", "licence.png", "image/png", png())));
        assertThat(response.statusCode()).as("document upload: %s", response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private void createVehicles() {
        Identity partner = identity(Role.PARTNER_VERIFIED);
        String publicVehicle = listVehicle(partner);
        approve(publicVehicle, "ACTIVE");
        values.put("vehicle.public", publicVehicle);
        values.put("photo.public", photo(partner, publicVehicle));
        values.put("photo.delete", photo(partner, publicVehicle));
        values.put("blackout.delete", blackout(partner, publicVehicle));

        String privateVehicle = listVehicle(partner);
        values.put("vehicle.private", privateVehicle);
        values.put("photo.private", photo(partner, privateVehicle));

        String statusVehicle = listVehicle(partner);
        approve(statusVehicle, "ACTIVE");
        values.put("vehicle.status", statusVehicle);
        values.put("vehicle.verify", listVehicle(partner));
        values.put("vehicle.delete", listVehicle(partner));

        // the partner's verification reaches vehicle-service over Kafka: only then is the vehicle public
        Awaitility.await("vehicle " + publicVehicle + " public").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> send(gateway("/api/vehicles/" + publicVehicle)).statusCode() == 200);
    }

    private String listVehicle(Identity partner) {
        String body = """
                {"make":"Volkswagen","model":"Golf","year":2022,"vin":"%s","licensePlate":"FZ %d",
                 "basePricePerDay":49.90,"currency":"EUR",
                 "location":{"city":"Fuzzburg-%s","country":"DE","latitude":52.52,"longitude":13.405},
                 "seats":5,"transmission":"MANUAL","fuelType":"PETROL","description":"fuzz fixture",
                 "features":["GPS"],"turnaroundMinutes":60}
                """.formatted(ValidValues.vin(), RANDOM.nextInt(1000, 100_000), UUID.randomUUID().toString().substring(0, 8));
        HttpResponse<String> response = send(bearer(partner, Accounts.postJson("/api/partners/" + partner.id() + "/vehicles", body)));
        assertThat(response.statusCode()).as("listing: %s", response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private void approve(String vehicleId, String status) {
        HttpResponse<String> response = send(admin.as(gateway("/api/admin/vehicles/" + vehicleId + "/verification"))
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"" + status + "\",\"reason\":\"fuzz fixture\"}")));
        assertThat(response.statusCode()).as("vehicle verification: %s", response.body()).isEqualTo(200);
    }

    private String photo(Identity partner, String vehicleId) {
        HttpResponse<String> response = send(bearer(partner, Platform.multipart(gateway("/api/vehicles/" + vehicleId + "/photos"),
                "file", "front.png", "image/png", png())));
        assertThat(response.statusCode()).as("photo: %s", response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private String blackout(Identity partner, String vehicleId) {
        String from = ValidValues.TO.plus(Duration.ofDays(10)).toString();
        String to = ValidValues.TO.plus(Duration.ofDays(11)).toString();
        HttpResponse<String> response = send(bearer(partner, Accounts.postJson("/api/vehicles/" + vehicleId + "/blackouts",
                "{\"from\":\"%s\",\"to\":\"%s\",\"reason\":\"fuzz fixture\"}".formatted(from, to))));
        assertThat(response.statusCode()).as("blackout: %s", response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    /**
     * The renter's holds on the public vehicle (the verified partner's): one the reads point at, one the cancellation
     * does. Their dates lie after the days the fuzzer's own holds use ({@code TO} + 1 .. 3 days), so the valid hold
     * of the fuzzer is not refused for them.
     */
    private void createBookings() {
        values.put("booking", hold(4));
        values.put("booking.cancel", hold(6));
    }

    private String hold(int daysAfterTo) {
        Identity renter = identity(Role.RENTER);
        Instant pickup = ValidValues.TO.plus(Duration.ofDays(daysAfterTo));
        String body = "{\"vehicleId\":\"%s\",\"pickupAt\":\"%s\",\"returnAt\":\"%s\"}".formatted(
                values.get("vehicle.public"), pickup, pickup.plus(Duration.ofDays(1)));
        HttpResponse<String> response = send(bearer(renter, Accounts.postJson("/api/bookings", body))
                .header("Idempotency-Key", "fuzz-fixture-" + UUID.randomUUID()));
        assertThat(response.statusCode()).as("hold: %s", response.body()).isEqualTo(201);
        return json(response).path("id").asString();
    }

    private void createStorage() {
        HttpResponse<String> nodes = send(admin.as(gateway("/api/storage/nodes")));
        assertThat(nodes.statusCode()).as("nodes: %s", nodes.body()).isEqualTo(200);
        List<String> live = new ArrayList<>();
        for (JsonNode node : json(nodes)) {
            if ("LIVE".equals(node.path("state").asString())) {
                live.add(node.path("nodeId").asString());
            }
        }
        assertThat(live).as("live storage nodes").hasSizeGreaterThanOrEqualTo(2);
        String file = storeFile();
        values.put("file", file);
        values.put("file.delete", storeFile());
        HttpResponse<String> manifest = send(admin.as(gateway("/api/storage/files/" + file + "/manifest")));
        assertThat(manifest.statusCode()).as("manifest: %s", manifest.body()).isEqualTo(200);
        String holder = json(manifest).path("chunks").path(0).path("replicas").path(0).asString();
        String other = live.stream().filter(n -> !n.equals(holder)).findFirst().orElseThrow();
        values.put("node", holder);
        values.put("node.other", other);
        HttpResponse<String> transfer = send(admin.as(Accounts.postJson("/api/storage/transfers",
                "{\"fileId\":\"%s\",\"sourceNodeId\":\"%s\",\"targetNodeId\":\"%s\",\"mode\":\"COPY\"}"
                        .formatted(file, holder, other))));
        assertThat(transfer.statusCode()).as("transfer: %s", transfer.body()).isBetween(200, 202);
        values.put("transfer", json(transfer).path("transferId").asString());
        HttpResponse<String> links = send(admin.as(gateway("/api/storage/links")));
        assertThat(links.statusCode()).as("links: %s", links.body()).isEqualTo(200);
        for (JsonNode link : json(links)) {
            linksBefore.add(link.path("nodeA").asString() + "|" + link.path("nodeB").asString());
        }
    }

    private String storeFile() {
        HttpResponse<String> response = send(admin.as(gateway("/api/storage/files?replication=1&name=fuzz-fixture.txt"))
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("fuzz fixture " + UUID.randomUUID())));
        assertThat(response.statusCode()).as("storage upload: %s", response.body()).isEqualTo(201);
        return json(response).path("fileId").asString();
    }

    /** The verified partner's verification notification (user-service makes it from a Kafka event). */
    private void awaitNotification() {
        Identity partner = identity(Role.PARTNER_VERIFIED);
        try {
            Awaitility.await("a notification for the verified partner").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500)).until(() -> {
                        HttpResponse<String> page = send(bearer(partner, gateway("/api/users/me/notifications")));
                        if (page.statusCode() == 200 && !json(page).path("items").isEmpty()) {
                            values.put("notification", json(page).path("items").path(0).path("id").asString());
                            return true;
                        }
                        return false;
                    });
        }
        catch (org.awaitility.core.ConditionTimeoutException ex) {
            notes.add("no notification arrived for the verified partner within 30 s: its id is a random UUID");
            values.put("notification", UUID.randomUUID().toString());
        }
    }

    /** Removes the storage links the fuzzer defined (a link switches transfers from the full mesh to links only). */
    void cleanUp() {
        if (admin == null || linksBefore == null || !values.containsKey("file")) {
            return;
        }
        HttpResponse<String> links = send(admin.as(gateway("/api/storage/links")));
        if (links.statusCode() != 200) {
            notes.add("could not list storage links to clean up: " + links.statusCode());
            return;
        }
        for (JsonNode link : json(links)) {
            String a = link.path("nodeA").asString();
            String b = link.path("nodeB").asString();
            if (!linksBefore.contains(a + "|" + b)) {
                send(admin.as(gateway("/api/storage/links?nodeA=" + encode(a) + "&nodeB=" + encode(b))).DELETE());
            }
        }
    }

    /**
     * The fixture a parameter or body field of this operation points at, or null to let the schema decide.
     *
     * @param where {@code path}, {@code query}, {@code header} or {@code body} (body: the field's dotted path)
     */
    Object value(Operation op, Identity identity, String where, String name) {
        String path = op.path();
        String method = op.method();
        if (where.equals("path")) {
            if (path.startsWith("/api/users/me/notifications/")) {
                return values.get("notification");
            }
            if (path.startsWith("/api/partners/me/documents/")) {
                return values.get("document.delete");
            }
            if (name.equals("partnerId")) {
                return values.get("partner.verified");
            }
            if (name.equals("documentId")) {
                return values.get("document");
            }
            if (path.startsWith("/api/admin/partners/")) {
                return values.get("partner.to-verify");
            }
            if (path.equals("/api/bookings/{id}/cancel")) {
                return values.get("booking.cancel");
            }
            if (path.equals("/api/bookings/{id}") || path.equals("/api/bookings/{id}/cancellation")
                    || path.equals("/api/payments/bookings/{bookingId}")) {
                return values.get("booking");
            }
            if (path.startsWith("/api/admin/vehicles/{id}/verification")) {
                return values.get("vehicle.verify");
            }
            if (path.startsWith("/api/admin/vehicles/{id}/status")) {
                return values.get("vehicle.status");
            }
            if (path.equals("/api/vehicles/{id}") && method.equals("DELETE")) {
                return values.get("vehicle.delete");
            }
            if (name.equals("photoId")) {
                return values.get(method.equals("DELETE") ? "photo.delete" : "photo.public");
            }
            if (name.equals("blackoutId")) {
                return values.get("blackout.delete");
            }
            if ((name.equals("id") || name.equals("vehicleId")) && (path.startsWith("/api/vehicles/")
                    || path.startsWith("/api/admin/vehicles/") || path.startsWith("/internal/vehicles/"))) {
                return values.get("vehicle.public");
            }
            if (name.equals("fileId")) {
                return values.get(method.equals("DELETE") ? "file.delete" : "file");
            }
            if (name.equals("transferId")) {
                return values.get("transfer");
            }
            if (name.equals("nodeId")) {
                return path.endsWith("/decommission") || path.startsWith("/internal/") ? NO_SUCH_NODE : values.get("node");
            }
            if (path.startsWith("/chunks/")) {
                return "0".repeat(64);
            }
            return null;
        }
        if (where.equals("query") || where.equals("body")) {
            // a quote's and a hold's vehicle and dates: the public vehicle, in the fuzzer's window
            Object booking = bookingValue(path, name);
            if (booking != null) {
                return booking;
            }
        }
        if (where.equals("query")) {
            if (path.equals("/api/partners/me/documents") && name.equals("type")) {
                return "DRIVER_LICENCE";
            }
            if (path.equals("/api/storage/links") && (name.equals("nodeA") || name.equals("nodeB"))) {
                return values.get(name.equals("nodeA") ? "node" : "node.other");
            }
            return null;
        }
        if (where.equals("body")) {
            switch (path) {
                case "/api/auth/login":
                    return name.equals("email") ? loginVictim.email() : name.equals("password") ? loginVictim.password() : null;
                case "/api/auth/refresh":
                    return name.equals("refreshToken") ? values.get("refresh.refresh") : null;
                case "/api/auth/logout":
                    return name.equals("refreshToken") ? values.get("refresh.logout") : null;
                case "/api/users/me/password":
                    // the throw-away renter "changes" to the same password: it stays valid for every later probe
                    return (name.equals("currentPassword") || name.equals("newPassword")) && identity == passwordChanger
                            ? passwordChanger.password() : null;
                case "/api/admin/partners/{id}/verification":
                    return name.equals("status") ? "VERIFIED" : null;
                case "/api/admin/vehicles/{id}/verification":
                    return name.equals("status") ? "ACTIVE" : null;
                case "/api/admin/vehicles/{id}/status":
                    return name.equals("status") ? "SUSPENDED" : null;
                case "/api/storage/transfers":
                    return switch (name) {
                        case "fileId" -> values.get("file");
                        case "sourceNodeId" -> values.get("node");
                        case "targetNodeId" -> values.get("node.other");
                        case "mode" -> "COPY";
                        default -> null;
                    };
                case "/api/payments/checkout":
                    return name.equals("bookingId") ? values.get("booking") : null;
                case "/api/storage/links":
                    return name.equals("nodeA") ? values.get("node") : name.equals("nodeB") ? values.get("node.other") : null;
                default:
                    return null;
            }
        }
        return null;
    }

    /**
     * The public vehicle and two days after the fuzzer's window: the window itself ({@link ValidValues#FROM} ..
     * {@code TO}) gets the fuzzer's own blackout on that vehicle (a valid POST of its blackouts), which would refuse
     * every hold in it.
     */
    private Object bookingValue(String path, String name) {
        if (!path.equals("/api/bookings/quote") && !path.equals("/api/bookings")) {
            return null;
        }
        return switch (name) {
            case "vehicleId" -> values.get("vehicle.public");
            case "pickupAt" -> ValidValues.TO.plus(Duration.ofDays(1)).toString();
            case "returnAt" -> ValidValues.TO.plus(Duration.ofDays(3)).toString();
            default -> null;
        };
    }

    /** Path-parameter values for the second, authorisation-only pass over public-if-bookable operations. */
    Map<String, String> privateVehicle() {
        return Map.of("id", values.getOrDefault("vehicle.private", ""), "vehicleId",
                values.getOrDefault("vehicle.private", ""), "photoId", values.getOrDefault("photo.private", ""));
    }

    static HttpRequest.Builder bearer(Identity identity, HttpRequest.Builder request) {
        return identity.accessToken() == null ? request : request.header("Authorization", "Bearer " + identity.accessToken());
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A small real PNG (random colour, so two uploads never share their bytes). */
    static byte[] png() {
        BufferedImage image = new BufferedImage(32, 24, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(RANDOM.nextInt(0x1000000)));
        g.fillRect(0, 0, 32, 24);
        g.setColor(Color.WHITE);
        g.fillOval(4, 4, 12, 12);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }
}
