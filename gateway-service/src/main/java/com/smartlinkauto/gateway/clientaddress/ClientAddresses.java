package com.smartlinkauto.gateway.clientaddress;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cloud.gateway.filter.headers.TrustedProxies;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import com.smartlinkauto.gateway.GatewayProperties;

/**
 * Who the client of a request is, and the {@code X-Forwarded-For} chain the gateway passes downstream.
 * <p>
 * The TCP peer is a trusted proxy when its address matches Spring Cloud Gateway's own
 * {@code spring.cloud.gateway.server.webflux.trusted-proxies} regex (unset locally: nothing sits in front
 * of the gateway; the kubernetes profile trusts the ingress controller). Then the proxy's
 * {@code X-Forwarded-For} is kept and the peer appended; from any other peer the header is dropped and
 * the chain is the peer alone, so a client cannot put an address of its choice into it.
 * <p>
 * The client is the entry {@code smartlink.gateway.trusted-proxy-hops} places left of the peer (0: the
 * peer itself). Services behind the gateway count one hop more (user-service's
 * {@code smartlink.users.trusted-proxy-hops} = this + 1) and so arrive at the same address.
 * <p>
 * Why not Spring Cloud Gateway's {@code XForwardedHeadersFilter} alone: in 5.0.x it drops the header of
 * an untrusted peer without appending that peer, and from a trusted one keeps only the entries that match
 * the trusted regex, i.e. never a client's address (spring-cloud-gateway#4267).
 */
@Component
public class ClientAddresses {

    /** What an address written by a proxy looks like (IPv4 or IPv6 literal); anything else is ignored. */
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    /** Entries of a trusted proxy's header kept (the rightmost): enough for any real chain of proxies. */
    static final int MAX_FORWARDED_ENTRIES = 20;

    private final TrustedProxies trustedProxies;
    private final int trustedProxyHops;

    @Autowired
    ClientAddresses(GatewayProperties properties,
            @Value("${spring.cloud.gateway.server.webflux.trusted-proxies:}") String trustedProxiesRegex) {
        this(properties.trustedProxyHops(), trustedProxiesRegex);
    }

    ClientAddresses(int trustedProxyHops, String trustedProxiesRegex) {
        boolean regex = StringUtils.hasText(trustedProxiesRegex);
        if (regex != trustedProxyHops > 0) {
            // either half alone puts every client in one bucket: the proxy's address would be taken for theirs
            throw new IllegalStateException("smartlink.gateway.trusted-proxy-hops (" + trustedProxyHops
                    + ") and spring.cloud.gateway.server.webflux.trusted-proxies ("
                    + (regex ? "set" : "not set") + ") must be configured together: set both when a proxy "
                    + "sits in front of the gateway (SMARTLINK_TRUSTED_PROXY_HOPS, SMARTLINK_TRUSTED_PROXIES), neither when not");
        }
        this.trustedProxies = regex ? TrustedProxies.from(trustedProxiesRegex) : host -> false;
        this.trustedProxyHops = trustedProxyHops;
    }

    /** The TCP peer's address, or null when the server does not know it. */
    static String peer(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote == null || remote.getAddress() == null ? null : remote.getAddress().getHostAddress();
    }

    public boolean peerIsTrustedProxy(ServerHttpRequest request) {
        InetSocketAddress remote = request.getRemoteAddress();
        return remote != null && trustedProxies.isTrusted(remote.getHostString());
    }

    /**
     * The {@code X-Forwarded-For} entries to send downstream, leftmost first: a trusted proxy's entries
     * (at most {@value #MAX_FORWARDED_ENTRIES}) and then the peer; from anyone else only the peer.
     */
    public List<String> forwardedChain(ServerHttpRequest request) {
        List<String> chain = new ArrayList<>();
        if (peerIsTrustedProxy(request)) {
            for (String header : request.getHeaders().getOrEmpty("X-Forwarded-For")) {
                for (String entry : header.split(",")) {
                    if (!entry.isBlank()) {
                        chain.add(entry.strip());
                    }
                }
            }
            if (chain.size() > MAX_FORWARDED_ENTRIES) {
                chain = new ArrayList<>(chain.subList(chain.size() - MAX_FORWARDED_ENTRIES, chain.size()));
            }
        }
        String peer = peer(request);
        if (peer != null) {
            chain.add(peer);
        }
        return chain;
    }

    /** The client's address (what rate limits count against), or null when the server does not know the peer. */
    public String clientAddress(ServerHttpRequest request) {
        List<String> chain = forwardedChain(request);
        String peer = peer(request);
        if (chain.isEmpty() || peer == null) {
            return peer;
        }
        // fewer entries than trusted hops: the leftmost was still written by a trusted proxy
        String candidate = chain.get(Math.max(0, chain.size() - 1 - trustedProxyHops));
        return IP_LITERAL.matcher(candidate).matches() ? candidate : peer;
    }
}
