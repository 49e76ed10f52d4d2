package com.smartlinkauto.storagenode.pipeline;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;

import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

/**
 * Base URLs of other nodes, as pipelines and pushes name them: {@code http(s)://host[:port]}, no
 * user info, path, query or fragment (a node only ever calls {@code PUT <base>/chunks/<id>} on them).
 */
public final class NodeUrls {

    public static final String REPLICATE_TO = "X-Replicate-To";
    public static final String RELAY_ONLY = "X-Relay-Only";

    public static final URI INVALID_NODE_URL = ProblemTypes.of("invalid-node-url");
    public static final URI INVALID_TARGETS = ProblemTypes.of("invalid-replication-targets");

    private NodeUrls() {
    }

    /** One base URL, normalised ({@code HTTP://Node-2:9102/} → {@code http://node-2:9102}). */
    public static URI parse(String value, String field) {
        URI uri;
        try {
            uri = new URI(value.trim());
        }
        catch (java.net.URISyntaxException | NullPointerException ex) {
            throw invalid(field, value);
        }
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean pathless = uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/");
        if (!("http".equals(scheme) || "https".equals(scheme)) || uri.getHost() == null || uri.getRawUserInfo() != null
                || !pathless || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid(field, value);
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host + (uri.getPort() >= 0 ? ":" + uri.getPort() : ""));
    }

    /**
     * The downstream targets of a PUT ({@code X-Replicate-To: http://a:9102,http://b:9103}): in order,
     * at most {@code max}, no duplicates, not this node.
     */
    public static List<URI> targets(String header, URI self, int max) {
        if (header == null || header.isBlank()) {
            return List.of();
        }
        Set<URI> targets = new LinkedHashSet<>();
        List<URI> order = new ArrayList<>();
        for (String part : header.split(",")) {
            URI target = parse(part, REPLICATE_TO);
            if (!targets.add(target)) {
                throw invalidTargets("names " + target + " twice");
            }
            if (target.equals(self)) {
                throw invalidTargets("names this node (" + self + ")");
            }
            order.add(target);
        }
        if (order.size() > max) {
            throw invalidTargets("names " + order.size() + " nodes; at most " + max + " are allowed");
        }
        return List.copyOf(order);
    }

    static ApiException invalid(String field, String value) {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_NODE_URL,
                field + " must name nodes by base URL, like http://10.0.0.7:9101 (no path, query or user info).",
                Map.of("field", field));
    }

    static ApiException invalidTargets(String why) {
        return new ApiException(HttpStatus.BAD_REQUEST, INVALID_TARGETS, REPLICATE_TO + " " + why + ".");
    }
}
