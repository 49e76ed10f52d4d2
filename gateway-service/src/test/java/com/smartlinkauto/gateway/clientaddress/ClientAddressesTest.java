package com.smartlinkauto.gateway.clientaddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class ClientAddressesTest {

    private static MockServerHttpRequest from(String peer, String... forwardedFor) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/api/vehicles")
                .remoteAddress(new InetSocketAddress(peer, 40_000));
        for (String header : forwardedFor) {
            request.header("X-Forwarded-For", header);
        }
        return request.build();
    }

    @Test
    void withoutProxiesThePeerIsTheClientAndAnyHeaderIsDropped() {
        ClientAddresses addresses = new ClientAddresses(0, "");
        MockServerHttpRequest forged = from("192.0.2.10", "203.0.113.7");
        assertThat(addresses.forwardedChain(forged)).containsExactly("192.0.2.10");
        assertThat(addresses.clientAddress(forged)).isEqualTo("192.0.2.10");
    }

    @Test
    void behindATrustedProxyTheClientIsTheEntryItAppended() {
        ClientAddresses addresses = new ClientAddresses(1, "10[.][0-9]+[.][0-9]+[.][0-9]+");
        // the client sent a forged entry; the ingress (10.0.0.5) appended the real address
        MockServerHttpRequest request = from("10.0.0.5", "198.51.100.1, 203.0.113.7");
        assertThat(addresses.forwardedChain(request)).containsExactly("198.51.100.1", "203.0.113.7", "10.0.0.5");
        assertThat(addresses.clientAddress(request)).isEqualTo("203.0.113.7");
        // several header lines count as one list
        MockServerHttpRequest lines = from("10.0.0.5", "198.51.100.1", "203.0.113.8");
        assertThat(addresses.clientAddress(lines)).isEqualTo("203.0.113.8");
    }

    @Test
    void anUntrustedPeerCannotHandInAnAddressEvenWhenAProxyIsConfigured() {
        ClientAddresses addresses = new ClientAddresses(1, "10[.][0-9]+[.][0-9]+[.][0-9]+");
        MockServerHttpRequest bypass = from("192.0.2.10", "203.0.113.7");
        assertThat(addresses.forwardedChain(bypass)).containsExactly("192.0.2.10");
        assertThat(addresses.clientAddress(bypass)).isEqualTo("192.0.2.10");
    }

    @Test
    void aProxyThatForwardsNothingOrGarbageLeavesThePeer() {
        ClientAddresses addresses = new ClientAddresses(1, "10[.][0-9]+[.][0-9]+[.][0-9]+");
        assertThat(addresses.clientAddress(from("10.0.0.5"))).isEqualTo("10.0.0.5");
        assertThat(addresses.clientAddress(from("10.0.0.5", "<script>"))).isEqualTo("10.0.0.5");
    }

    @Test
    void aLongChainIsCutToItsRightmostEntries() {
        ClientAddresses addresses = new ClientAddresses(1, "10[.][0-9]+[.][0-9]+[.][0-9]+");
        String many = IntStream.range(0, 1_000).mapToObj(i -> "198.51.100." + (i % 250))
                .collect(Collectors.joining(", ")) + ", 203.0.113.7";
        MockServerHttpRequest request = from("10.0.0.5", many);
        assertThat(addresses.forwardedChain(request)).hasSize(ClientAddresses.MAX_FORWARDED_ENTRIES + 1)
                .endsWith("203.0.113.7", "10.0.0.5");
        assertThat(addresses.clientAddress(request)).isEqualTo("203.0.113.7");
    }

    @Test
    void hopsAndTrustedProxiesGoTogether() {
        assertThatThrownBy(() -> new ClientAddresses(1, "")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SMARTLINK_TRUSTED_PROXIES");
        assertThatThrownBy(() -> new ClientAddresses(0, "10[.].*")).isInstanceOf(IllegalStateException.class);
    }
}
