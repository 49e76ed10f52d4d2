package com.smartlinkauto.user.throttle;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address a login throttle counts against: the n-th address from the right of
 * {@code X-Forwarded-For} when n trusted proxies append to it (a client can only forge addresses to
 * the left of those), else the TCP peer.
 */
@Component
public class ClientAddressResolver {

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final int trustedProxyHops;

    ClientAddressResolver(ClientAddressProperties properties) {
        this.trustedProxyHops = properties.trustedProxyHops();
    }

    public String resolve(HttpServletRequest request) {
        Enumeration<String> forwarded = request.getHeaders("X-Forwarded-For");
        return resolve(forwarded == null ? List.of() : Collections.list(forwarded), request.getRemoteAddr(),
                trustedProxyHops);
    }

    static String resolve(List<String> forwardedForHeaders, String remoteAddress, int trustedProxyHops) {
        if (trustedProxyHops > 0) {
            List<String> hops = new ArrayList<>();
            for (String header : forwardedForHeaders) {
                for (String part : header.split(",")) {
                    if (!part.isBlank()) {
                        hops.add(part.strip());
                    }
                }
            }
            if (!hops.isEmpty()) {
                // fewer entries than trusted proxies: the leftmost was still written by a trusted one
                String candidate = hops.get(Math.max(0, hops.size() - trustedProxyHops));
                if (IP_LITERAL.matcher(candidate).matches()) {
                    return candidate;
                }
            }
        }
        return remoteAddress == null ? "unknown" : remoteAddress;
    }
}
