package com.smartlinkauto.e2e.fuzz;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * A valid value for a schema: the fixture's value where the test has one, else the schema's example,
 * enum or default, else one chosen by the field's name (the services validate e-mails, phone numbers,
 * VINs, ISO codes, date ranges) and format, else by type within the declared bounds. Values come out as
 * plain Java objects ({@code Map}, {@code List}, {@code String}, {@code BigDecimal}, {@code Long},
 * {@code Boolean}) for the JSON writer and the URL builder.
 */
final class ValidValues {

    private static final String VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ";
    private static final SplittableRandom RANDOM = new SplittableRandom();

    /** A search/blackout window far enough ahead not to collide with other tests' bookings. */
    static final Instant FROM = Instant.now().plus(200 + RANDOM.nextInt(400), ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    static final Instant TO = FROM.plus(3, ChronoUnit.DAYS);

    private ValidValues() {
    }

    static Object of(JsonNode schema, String name) {
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        Object byName = byName(key, schema);
        if (byName != null) {
            return byName;
        }
        if (schema.has("example") && !schema.path("example").isNull() && !schema.path("example").isObject()) {
            return plain(schema.path("example"));
        }
        if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
            return plain(schema.path("enum").get(0));
        }
        if (schema.has("default") && !schema.path("default").isNull()) {
            return plain(schema.path("default"));
        }
        String type = schema.path("type").asString(schema.has("properties") ? "object" : "string");
        String format = schema.path("format").asString("");
        switch (type) {
            case "object": {
                Map<String, Object> object = new LinkedHashMap<>();
                for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                    if (!property.getValue().path("readOnly").asBoolean(false)) {
                        object.put(property.getKey(), of(property.getValue(), property.getKey()));
                    }
                }
                return object;
            }
            case "array": {
                List<Object> list = new ArrayList<>();
                list.add(of(schema.path("items"), singular(key)));
                return list;
            }
            case "integer":
                return bounded(schema, BigDecimal.ONE).longValue();
            case "number":
                return bounded(schema, new BigDecimal("10.5"));
            case "boolean":
                return Boolean.TRUE;
            default:
                return string(schema, format);
        }
    }

    private static Object byName(String key, JsonNode schema) {
        switch (key) {
            case "email":
                return uniqueEmail();
            case "password":
            case "newpassword":
                return "Fuzz-Horse-" + UUID.randomUUID().toString().substring(0, 8);
            case "currentpassword":
                return "Not-The-Password-" + UUID.randomUUID().toString().substring(0, 4);
            case "firstname":
                return "Eve";
            case "lastname":
                return "Fuzzer";
            case "phonenumber":
                return "+4915112345678";
            case "city":
                return "Fuzzburg";
            case "country":
                return "DE";
            case "near":
                return "52.52,13.405";
            case "radiuskm":
                return new BigDecimal("25");
            case "latitude":
                return new BigDecimal("52.52");
            case "longitude":
                return new BigDecimal("13.405");
            case "from":
                return FROM.toString();
            case "to":
                return TO.toString();
            case "make":
                return "Volkswagen";
            case "model":
                return "Golf";
            case "year":
                return 2021L;
            case "vin":
                return vin();
            case "licenseplate":
                return "B SL " + (1000 + RANDOM.nextInt(9000));
            case "basepriceperday":
            case "minprice":
                return new BigDecimal("49.90");
            case "maxprice":
                return new BigDecimal("500.00");
            case "currency":
                return "EUR";
            case "seats":
                return 5L;
            case "transmission":
                return "MANUAL";
            case "fueltype":
                return "PETROL";
            case "description":
                return "Fuzz test listing";
            case "feature":
            case "features":
                return schema.path("type").asString("").equals("array") ? new ArrayList<>(List.of("GPS")) : "GPS";
            case "turnaroundminutes":
                return 60L;
            case "reason":
                return "fuzz check";
            case "query":
                return "e2e";
            case "sort":
                return "price";
            case "page":
                return 0L;
            case "size":
                return 20L;
            case "name":
                return "fuzz.txt";
            case "replication":
                return 1L;
            case "chunksize":
                return "64KB";
            case "idempotency-key":
                // a fresh key per request: a key used twice replays (same body) or is refused (another body)
                return "fuzz-" + UUID.randomUUID();
            case "if-none-match":
                return "\"0000\"";
            case "range":
                return "bytes=0-3";
            case "bandwidthmbps":
                return 1000L;
            default:
                return null;
        }
    }

    private static String string(JsonNode schema, String format) {
        switch (format) {
            case "uuid":
                return UUID.randomUUID().toString();
            case "date-time":
                return FROM.toString();
            case "date":
                return FROM.toString().substring(0, 10);
            case "email":
                return uniqueEmail();
            case "uri":
                return "https://example.com/fuzz";
            default:
                break;
        }
        String pattern = schema.path("pattern").asString("");
        if (pattern.contains("[0-9a-f]{64}")) {
            return "0".repeat(64);
        }
        if (pattern.contains("\\+[1-9]")) {
            return "+4915112345678";
        }
        if (pattern.contains("[A-Z]{3}")) {
            return "EUR";
        }
        if (pattern.contains("{2}")) {
            return "DE";
        }
        if (pattern.startsWith("https?")) {
            return "http://127.0.0.1:1";
        }
        int min = schema.path("minLength").asInt(0);
        int max = schema.path("maxLength").asInt(64);
        String value = "fuzz";
        while (value.length() < min) {
            value += "z";
        }
        return value.length() > max ? value.substring(0, Math.max(max, 1)) : value;
    }

    private static BigDecimal bounded(JsonNode schema, BigDecimal preferred) {
        BigDecimal value = preferred;
        if (schema.has("minimum") && value.compareTo(schema.path("minimum").decimalValue()) < 0) {
            value = schema.path("minimum").decimalValue();
        }
        if (schema.has("maximum") && value.compareTo(schema.path("maximum").decimalValue()) > 0) {
            value = schema.path("maximum").decimalValue();
        }
        return value;
    }

    private static Object plain(JsonNode node) {
        if (node.isNumber()) {
            return node.isIntegralNumber() ? (Object) node.longValue() : node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString();
    }

    private static String singular(String key) {
        return key.endsWith("s") ? key.substring(0, key.length() - 1) : key;
    }

    static String uniqueEmail() {
        return "e2e-fuzz-" + UUID.randomUUID().toString().substring(0, 13) + "@smartlink-e2e.example";
    }

    /** A syntactically valid VIN (ISO 3779 alphabet), random so that listings never collide. */
    static String vin() {
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_ALPHABET.charAt(RANDOM.nextInt(VIN_ALPHABET.length())));
        }
        return vin.toString();
    }

    /** A deep copy of a value tree built from maps and lists. */
    @SuppressWarnings("unchecked")
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put((String) k, copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }
}
