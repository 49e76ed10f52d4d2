package com.smartlinkauto.e2e.fuzz;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.smartlinkauto.e2e.Platform;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenAPI documents of every running service, found through Eureka (every registered application
 * whose instance serves {@code /v3/api-docs}) and, should Eureka not answer, on the local runner's fixed
 * service ports ({@code smartlink.fuzz.service-ports}, default 8081–8085, so a service that starts later
 * — booking-service on 8083, payment-service on 8084 — is picked up without a change here). Schemas are
 * resolved ({@code $ref}, {@code allOf}) so the fuzzer sees plain trees.
 */
final class OpenApiCatalog {

    private static final List<String> METHODS = List.of("get", "head", "post", "put", "patch", "delete");

    record Service(String name, String baseUrl, JsonNode document) {
    }

    record Param(String name, String in, boolean required, JsonNode schema) {
    }

    /**
     * @param bodyType   the request body's media type (first declared), or null
     * @param bodySchema its resolved schema, or null
     * @param security   the operation's own {@code security} (null when it inherits the document's)
     */
    record Operation(Service service, String method, String path, List<Param> params, String bodyType,
            JsonNode bodySchema, JsonNode security) {

        String key() {
            return method + " " + path;
        }

        List<Param> params(String in) {
            return params.stream().filter(p -> p.in().equals(in)).toList();
        }

        /**
         * Routed by the gateway: {@code /api/**}, {@code /.well-known/**} and the sandbox payment provider's
         * {@code /payments/sandbox/**}; everything else must not be.
         */
        boolean routed() {
            return path.startsWith("/api/") || path.startsWith("/.well-known/") || path.startsWith("/payments/sandbox/");
        }
    }

    private OpenApiCatalog() {
    }

    static List<Service> discover(List<String> notes) {
        Map<String, String> candidates = new LinkedHashMap<>();
        try {
            // the registry refuses anonymous reads: its dashboard's read-only login, when this machine has it
            var request = Platform.request(Platform.EUREKA + "/eureka/apps").header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(5));
            Platform.secret("DISCOVERY_DASHBOARD_PASSWORD")
                    .ifPresent(password -> request.header("Authorization", Platform.basic("dashboard", password)));
            HttpResponse<String> apps = Platform.send(request);
            if (apps.statusCode() == 200) {
                for (JsonNode app : Platform.json(apps).path("applications").path("application")) {
                    for (JsonNode instance : app.path("instance")) {
                        if ("UP".equals(instance.path("status").asString())) {
                            candidates.putIfAbsent(app.path("name").asString().toLowerCase(Locale.ROOT),
                                    "http://" + instance.path("ipAddr").asString() + ":"
                                            + instance.path("port").path("$").asInt());
                            break;
                        }
                    }
                }
            }
            else {
                notes.add("Eureka answered " + apps.statusCode() + "; using the fixed service ports");
            }
        }
        catch (RuntimeException ex) {
            notes.add("Eureka not readable (" + ex + "); using the fixed service ports");
        }
        for (String port : System.getProperty("smartlink.fuzz.service-ports", "8081,8082,8083,8084,8085").split(",")) {
            String url = "http://127.0.0.1:" + port.trim();
            if (!candidates.containsValue(url)) {
                candidates.put("port-" + port.trim(), url);
            }
        }
        List<Service> services = new ArrayList<>();
        for (Map.Entry<String, String> candidate : candidates.entrySet()) {
            JsonNode document = document(candidate.getValue());
            if (document != null) {
                String name = candidate.getKey();
                if (name.startsWith("port-")) {
                    String title = document.path("info").path("title").asString(name);
                    name = title.substring(title.lastIndexOf(' ') + 1);
                }
                services.add(new Service(name, candidate.getValue(), document));
            }
        }
        return services;
    }

    private static JsonNode document(String baseUrl) {
        try {
            HttpResponse<String> response = Platform.HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + "/v3/api-docs"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return null;
            }
            JsonNode document = Platform.JSON.readTree(response.body());
            return document.has("openapi") && document.path("paths").isObject() ? document : null;
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    static List<Operation> operations(Service service) {
        List<Operation> operations = new ArrayList<>();
        JsonNode document = service.document();
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            List<Param> shared = params(document, path.getValue().path("parameters"));
            for (String method : METHODS) {
                JsonNode operation = path.getValue().get(method);
                if (operation == null) {
                    continue;
                }
                List<Param> params = new ArrayList<>(shared);
                for (Param param : params(document, operation.path("parameters"))) {
                    params.removeIf(p -> p.name().equals(param.name()) && p.in().equals(param.in()));
                    params.add(param);
                }
                String bodyType = null;
                JsonNode bodySchema = null;
                JsonNode content = resolve(document, operation.path("requestBody"), 0).path("content");
                Iterator<String> types = content.propertyNames().iterator();
                if (types.hasNext()) {
                    bodyType = types.next();
                    bodySchema = resolve(document, content.path(bodyType).path("schema"), 0);
                }
                operations.add(new Operation(service, method.toUpperCase(Locale.ROOT), path.getKey(), params, bodyType,
                        bodySchema, operation.get("security")));
            }
        }
        return operations;
    }

    private static List<Param> params(JsonNode document, JsonNode list) {
        List<Param> params = new ArrayList<>();
        for (JsonNode raw : list) {
            JsonNode param = resolve(document, raw, 0);
            params.add(new Param(param.path("name").asString(), param.path("in").asString(),
                    param.path("required").asBoolean(false), resolve(document, param.path("schema"), 0)));
        }
        return params;
    }

    /** The schema with every {@code $ref} replaced by its target and {@code allOf} merged (depth-limited). */
    static JsonNode resolve(JsonNode document, JsonNode schema, int depth) {
        if (schema == null || schema.isMissingNode() || depth > 12) {
            return schema == null ? JsonNodeFactory.instance.objectNode() : schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.path("$ref").asString();
            JsonNode target = ref.startsWith("#") ? document.at(ref.substring(1)) : null;
            return target == null || target.isMissingNode() ? JsonNodeFactory.instance.objectNode()
                    : resolve(document, target, depth + 1);
        }
        if (!schema.isObject()) {
            return schema;
        }
        ObjectNode copy = ((ObjectNode) schema).deepCopy();
        if (schema.has("allOf")) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            for (JsonNode part : schema.path("allOf")) {
                JsonNode resolved = resolve(document, part, depth + 1);
                for (Map.Entry<String, JsonNode> property : resolved.path("properties").properties()) {
                    properties.set(property.getKey(), property.getValue());
                }
                for (Map.Entry<String, JsonNode> field : resolved.properties()) {
                    if (!field.getKey().equals("properties")) {
                        merged.set(field.getKey(), field.getValue());
                    }
                }
            }
            merged.set("properties", properties);
            copy.remove("allOf");
            for (Map.Entry<String, JsonNode> field : copy.properties()) {
                merged.set(field.getKey(), field.getValue());
            }
            return merged;
        }
        for (String variants : List.of("oneOf", "anyOf")) {
            if (schema.path(variants).isArray() && !schema.path(variants).isEmpty()) {
                return resolve(document, schema.path(variants).get(0), depth + 1);
            }
        }
        if (schema.path("properties").isObject()) {
            ObjectNode properties = JsonNodeFactory.instance.objectNode();
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                properties.set(property.getKey(), resolve(document, property.getValue(), depth + 1));
            }
            copy.set("properties", properties);
        }
        if (schema.has("items")) {
            copy.set("items", resolve(document, schema.path("items"), depth + 1));
        }
        return copy;
    }
}
