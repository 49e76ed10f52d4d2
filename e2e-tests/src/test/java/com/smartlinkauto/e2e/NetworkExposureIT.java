package com.smartlinkauto.e2e;

import static com.smartlinkauto.e2e.Platform.basic;
import static com.smartlinkauto.e2e.Platform.gateway;
import static com.smartlinkauto.e2e.Platform.request;
import static com.smartlinkauto.e2e.Platform.send;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * What the running platform exposes, probed as an outsider would: the registry refuses anonymous and rogue
 * registrations (a rogue user-service would receive logins and serve its own keys), the gateway's public
 * port serves no actuator, and no service or infrastructure port answers on the machine's network address
 * (the local runner binds everything to 127.0.0.1).
 */
class NetworkExposureIT {

    /** Ports of the local platform: services, the gateway's management port, the first storage nodes, infrastructure. */
    private static final List<Integer> PLATFORM_PORTS = List.of(8080, 8090, 8761, 8888, 8081, 8082, 8083, 8084, 8085,
            9101, 9102, 9103, 5432, 6379, 6380, 9092, 9093);

    // ------------------------------------------------------------------ the registry

    @Test
    void theRegistryRefusesAnAnonymousRegistration() {
        String id = "e2e-anonymous-" + UUID.randomUUID();
        HttpResponse<String> response = send(registration("USER-SERVICE", id, null));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(registered("USER-SERVICE", id)).isFalse();
        // reading the registry needs a credential as well
        assertThat(send(request(Platform.EUREKA + "/eureka/apps").header("Accept", "application/json")).statusCode())
                .isEqualTo(401);
    }

    @Test
    void theRegistryRefusesARogueUserService() {
        String id = "e2e-rogue-" + UUID.randomUUID();
        assertThat(send(registration("USER-SERVICE", id, basic("user-service", "guessed-" + UUID.randomUUID())))
                .statusCode()).as("user-service with a guessed secret").isEqualTo(401);
        String gatewaySecret = Platform.secret("SERVICE_SECRET_GATEWAY_SERVICE").orElse(null);
        if (gatewaySecret != null) {
            assertThat(send(registration("USER-SERVICE", id, basic("gateway-service", gatewaySecret))).statusCode())
                    .as("the gateway's own credential, registering as user-service").isEqualTo(403);
            assertThat(send(request(Platform.EUREKA + "/eureka/apps/USER-SERVICE/" + id)
                    .header("Authorization", basic("gateway-service", gatewaySecret))
                    .method("DELETE", HttpRequest.BodyPublishers.noBody())).statusCode())
                    .as("the gateway cancelling a user-service instance").isEqualTo(403);
        }
        assertThat(registered("USER-SERVICE", id)).isFalse();
    }

    // ------------------------------------------------------------------ the gateway's actuator

    @Test
    void theGatewaysActuatorIsOnItsManagementPortOnly() {
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/info", "/actuator/env",
                "/actuator")) {
            HttpResponse<String> response = send(gateway(path));
            assertThat(response.statusCode()).as("public %s", path).isIn(401, 403, 404);
            assertThat(response.body()).as("public %s", path).doesNotContain("jvm_memory").doesNotContain("\"UP\"");
        }
        HttpResponse<String> metrics = send(request(Platform.GATEWAY_MANAGEMENT + "/actuator/prometheus"));
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"gateway-service\"");
    }

    // ------------------------------------------------------------------ listening addresses

    /**
     * Every platform port that answers on 127.0.0.1 is refused on each of the machine's own non-loopback
     * addresses: what listens, listens on loopback only.
     */
    @Test
    void nothingOfThePlatformAnswersOnTheMachinesNetworkAddresses() throws IOException {
        List<InetAddress> addresses = networkAddresses();
        Assumptions.assumeFalse(addresses.isEmpty(), "this machine has no non-loopback address");
        List<Integer> listening = PLATFORM_PORTS.stream().filter(port -> connects(InetAddress.getLoopbackAddress(), port))
                .toList();
        assertThat(listening).as("platform ports answering on 127.0.0.1").contains(8080, 8090, 8761, 8888, 8081);
        List<String> exposed = new ArrayList<>();
        for (InetAddress address : addresses) {
            for (int port : listening) {
                if (connects(address, port)) {
                    exposed.add(address.getHostAddress() + ":" + port);
                }
            }
        }
        assertThat(exposed).as("platform ports answering on %s", addresses).isEmpty();
    }

    private static List<InetAddress> networkAddresses() throws SocketException {
        List<InetAddress> addresses = new ArrayList<>();
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                boolean linkLocalV6 = address instanceof Inet6Address && address.isLinkLocalAddress();
                if (!address.isLoopbackAddress() && !linkLocalV6) {
                    addresses.add(address);
                }
            }
        }
        return addresses;
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1000);
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

    // ------------------------------------------------------------------ helpers

    private static HttpRequest.Builder registration(String app, String instanceId, String authorization) {
        String body = """
                {"instance":{"instanceId":"%s","hostName":"127.0.0.1","app":"%s","ipAddr":"127.0.0.1",
                "status":"UP","port":{"$":9999,"@enabled":"true"},
                "dataCenterInfo":{"@class":"com.netflix.appinfo.InstanceInfo$DefaultDataCenterInfo","name":"MyOwn"}}}
                """.formatted(instanceId, app);
        HttpRequest.Builder request = request(Platform.EUREKA + "/eureka/apps/" + app)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return request;
    }

    /** Whether the registry holds that instance now (one instance: not the cached application listing). */
    private static boolean registered(String app, String instanceId) {
        String password = Platform.secret("DISCOVERY_DASHBOARD_PASSWORD").orElse(null);
        Assumptions.assumeTrue(password != null, "no DISCOVERY_DASHBOARD_PASSWORD in .smartlink/secrets.env");
        HttpResponse<String> found = send(request(Platform.EUREKA + "/eureka/apps/" + app + "/" + instanceId)
                .header("Accept", "application/json").header("Authorization", basic("dashboard", password)));
        assertThat(found.statusCode()).as("GET %s/%s", app, instanceId).isIn(200, 404);
        return found.statusCode() == 200;
    }
}
