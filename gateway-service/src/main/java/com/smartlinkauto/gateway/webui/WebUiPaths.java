package com.smartlinkauto.gateway.webui;

import java.util.List;
import java.util.Locale;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;


/**
 * Which paths belong to the web UI: every path except the platform's own prefixes. The API ({@code /api}), the
 * actuator, the sandbox payment provider's checkout pages ({@code /payments}), the services' OpenAPI documents
 * ({@code /v3/api-docs}), the token signer's keys ({@code /.well-known}), the circuit breakers' fallbacks and the
 * never-routed service planes ({@code /internal}, {@code /oauth2}) keep answering problem+json for what they do not
 * know, whatever the client accepts. Prefixes are compared on decoded segments, case-insensitively, so
 * {@code /API/x} or {@code /%61pi/x} are not taken for the app either.
 */
public final class WebUiPaths {

    /** First segments (or first two) the app never owns. */
    static final List<List<String>> RESERVED = List.of(List.of("api"), List.of("actuator"), List.of("payments"),
            List.of("v3", "api-docs"), List.of(".well-known"), List.of("fallback"), List.of("internal"),
            List.of("oauth2"));

    private static final ServerWebExchangeMatcher APP_READS = exchange -> {
        HttpMethod method = exchange.getRequest().getMethod();
        boolean read = HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
        return read && isApp(exchange.getRequest().getPath().pathWithinApplication()) ? MatchResult.match()
                : MatchResult.notMatch();
    };

    private WebUiPaths() {
    }

    /** True for a path of the app (not one of the platform's prefixes). */
    public static boolean isApp(PathContainer path) {
        List<String> segments = path.elements().stream()
                .filter(PathContainer.PathSegment.class::isInstance)
                .map(element -> ((PathContainer.PathSegment) element).valueToMatch().toLowerCase(Locale.ROOT))
                .toList();
        for (List<String> reserved : RESERVED) {
            if (segments.size() >= reserved.size() && segments.subList(0, reserved.size()).equals(reserved)) {
                return false;
            }
        }
        return true;
    }

    /** GET and HEAD requests for the app's paths: what the security configuration lets anyone read. */
    public static ServerWebExchangeMatcher appReads() {
        return APP_READS;
    }
}
