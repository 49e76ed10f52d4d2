package com.smartlinkauto.user.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ClientAddressResolverTest {

    @Test
    void withoutTrustedProxiesTheTcpPeerIsTheClient() {
        assertThat(ClientAddressResolver.resolve(List.of("203.0.113.9"), "10.0.0.5", 0)).isEqualTo("10.0.0.5");
    }

    @Test
    void behindOneProxyTheRightmostForwardedAddressCounts() {
        // a client-supplied (forged) entry sits to the left of what the gateway appended
        assertThat(ClientAddressResolver.resolve(List.of("1.2.3.4, 203.0.113.9"), "10.0.0.5", 1))
                .isEqualTo("203.0.113.9");
        assertThat(ClientAddressResolver.resolve(List.of("1.2.3.4", "203.0.113.9"), "10.0.0.5", 1))
                .isEqualTo("203.0.113.9");
    }

    @Test
    void behindTwoProxiesTheSecondFromTheRightCounts() {
        assertThat(ClientAddressResolver.resolve(List.of("6.6.6.6, 203.0.113.9, 10.1.0.7"), "10.0.0.5", 2))
                .isEqualTo("203.0.113.9");
        // fewer entries than proxies: the leftmost was still written by a trusted proxy
        assertThat(ClientAddressResolver.resolve(List.of("203.0.113.9"), "10.0.0.5", 2)).isEqualTo("203.0.113.9");
    }

    @Test
    void missingOrGarbageHeadersFallBackToThePeer() {
        assertThat(ClientAddressResolver.resolve(List.of(), "10.0.0.5", 1)).isEqualTo("10.0.0.5");
        assertThat(ClientAddressResolver.resolve(List.of(" , "), "10.0.0.5", 1)).isEqualTo("10.0.0.5");
        assertThat(ClientAddressResolver.resolve(List.of("<script>"), "10.0.0.5", 1)).isEqualTo("10.0.0.5");
        assertThat(ClientAddressResolver.resolve(List.of("2001:db8::1"), "10.0.0.5", 1)).isEqualTo("2001:db8::1");
        assertThat(ClientAddressResolver.resolve(List.of(), null, 1)).isEqualTo("unknown");
    }
}
