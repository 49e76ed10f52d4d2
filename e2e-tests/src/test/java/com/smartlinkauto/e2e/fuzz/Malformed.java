package com.smartlinkauto.e2e.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import tools.jackson.databind.JsonNode;

/**
 * The malformed values the fuzzer puts, one at a time, into a parameter or body field, chosen by the
 * declared type and format: wrong types, NUL and other control characters, bidi overrides, huge and tiny
 * numbers, extreme dates, long and multi-byte strings, bad UUIDs, traversal strings.
 */
final class Malformed {

    /** How a value is placed. */
    enum Mode {
        /** a string: a JSON string in a body, percent-encoded (UTF-8) in a URL, UTF-8 bytes in a header */
        TEXT,
        /** raw JSON text in a body (a number token, {@code null}, an object, an invalid token); its text, percent-encoded, in a URL */
        JSON,
        /** inserted into a URL exactly as given (encodings the client chose, {@code ..;}); not used in bodies */
        URL
    }

    /**
     * @param kind  the family (control, bidi, number, date, long, multibyte, uuid, traversal, type, encoding)
     * @param label a short description for the report
     */
    record Value(String kind, String label, String text, Mode mode) {

        static Value text(String kind, String label, String text) {
            return new Value(kind, label, text, Mode.TEXT);
        }

        static Value json(String kind, String label, String json) {
            return new Value(kind, label, json, Mode.JSON);
        }

        static Value url(String kind, String label, String raw) {
            return new Value(kind, label, raw, Mode.URL);
        }

        boolean expensive() {
            return text.length() > 100_000;
        }
    }

    static final String MILLION = "A".repeat(1_000_000);

    private Malformed() {
    }

    /** Strings every text input gets. Ordered: the likeliest to break something first. */
    static List<Value> strings() {
        return List.of(
                Value.text("control", "NUL", "\u0000"),
                Value.text("control", "NUL inside", "fuzz\u0000value"),
                Value.text("multibyte", "80 x İ (lower-cases to 160 chars)", "İ".repeat(80)),
                Value.text("long", "10k chars", "A".repeat(10_000)),
                Value.text("control", "C0 controls", "\u0001\u0002\u0003\u0008\u000b\u000c"),
                Value.text("control", "ESC sequence", "\u001b[31mred\u001b[0m"),
                Value.text("control", "CR LF header injection", "fuzz\r\nX-Injected: 1"),
                Value.text("control", "DEL and C1", "\u007f\u0085\u009b"),
                Value.text("bidi", "RLO override", "\u202egnp.exe"),
                Value.text("bidi", "isolates and zero-width", "\u2066\u200b\u200d\u2069\ufeff"),
                Value.text("bidi", "line separator", "a\u2028b\u2029c"),
                Value.text("multibyte", "emoji", "🚗".repeat(100)),
                Value.text("multibyte", "combining marks", "e" + "\u0301".repeat(500)),
                Value.text("multibyte", "NFKC expansion", "\ufdfa".repeat(60)),
                Value.text("multibyte", "upper-case expansion", "ß".repeat(80)),
                Value.json("multibyte", "lone surrogate", "\"\\ud800\""),
                Value.text("traversal", "../ traversal", "../../../../etc/passwd"),
                Value.text("traversal", "..;/ traversal", "..;/..;/api/admin/users"),
                Value.text("traversal", "%2e%2e%2f", "%2e%2e%2f%2e%2e%2f"),
                Value.text("traversal", "%00", "%00"),
                Value.text("traversal", "backslashes", "..\\..\\windows\\win.ini"),
                Value.text("injection", "SQL quote", "' OR '1'='1' --"),
                Value.text("injection", "JNDI lookup", "${jndi:ldap://127.0.0.1:1/x}"),
                Value.text("injection", "format string", "%s%s%n%x"),
                Value.text("type", "empty", ""),
                Value.text("type", "blank", "   "),
                Value.text("number", "1e999999999 as text", "1e999999999"),
                Value.text("number", "9999999TB as text", "9999999TB"));
    }

    /** Numbers (as JSON tokens in bodies, as text in URLs). */
    static List<Value> numbers() {
        return List.of(
                Value.json("number", "1e999999999", "1e999999999"),
                Value.json("number", "-1e999999999", "-1e999999999"),
                Value.json("number", "1e-999999999", "1e-999999999"),
                Value.json("number", "1e200000", "1e200000"),
                Value.json("number", "-1e308", "-1e308"),
                Value.json("number", "1e309 (beyond double)", "1e309"),
                Value.json("number", "9999999999999999999999", "9999999999999999999999"),
                Value.json("number", "-9999999999999999999999", "-9999999999999999999999"),
                Value.json("number", "2^31", "2147483648"),
                Value.json("number", "2^63", "9223372036854775808"),
                Value.json("number", "10k digits", "9".repeat(10_000)),
                Value.json("number", "0.0000000000000000000001", "0.0000000000000000000001"),
                Value.json("number", "-0", "-0"),
                Value.json("number", "-1", "-1"),
                Value.json("number", "1.5", "1.5"),
                Value.json("number", "NaN", "NaN"),
                Value.json("number", "Infinity", "Infinity"),
                Value.json("number", "hex", "0x1F"),
                Value.text("number", "\"NaN\" as text", "NaN"),
                Value.text("number", "\"1e999999999\" as text", "1e999999999"),
                Value.text("type", "letters", "abc"),
                Value.text("control", "NUL", "\u0000"),
                Value.text("type", "empty", ""));
    }

    /** Instants and dates. */
    static List<Value> dates() {
        return List.of(
                Value.text("date", "year 300000", "+300000-01-01T00:00:00Z"),
                Value.text("date", "year -5000", "-5000-01-01T00:00:00Z"),
                Value.text("date", "0000-00-00", "0000-00-00"),
                Value.text("date", "0000-00-00T00:00:00Z", "0000-00-00T00:00:00Z"),
                Value.text("date", "Instant.MAX", "+1000000000-12-31T23:59:59.999999999Z"),
                Value.text("date", "Instant.MIN", "-1000000000-01-01T00:00:00Z"),
                Value.text("date", "year 9999 last nanosecond", "9999-12-31T23:59:59.999999999Z"),
                Value.text("date", "year 1", "0001-01-01T00:00:00Z"),
                Value.text("date", "epoch", "1970-01-01T00:00:00Z"),
                Value.text("date", "February 30", "2027-02-30T10:00:00Z"),
                Value.text("date", "hour 25", "2027-01-01T25:61:61Z"),
                Value.text("date", "offset +25:00", "2027-01-01T10:00:00+25:00"),
                Value.text("date", "no offset", "2027-01-01T10:00:00"),
                Value.text("date", "unparseable", "not a date"),
                Value.json("date", "epoch number 1e999999999", "1e999999999"),
                Value.json("date", "epoch number 2^63", "9223372036854775808"),
                Value.json("date", "epoch millis far future", "99999999999999999"));
    }

    static List<Value> uuids() {
        return List.of(
                Value.text("uuid", "not a UUID", "not-a-uuid"),
                Value.text("uuid", "bad hex digit", "00000000-0000-0000-0000-00000000000g"),
                Value.text("uuid", "nil UUID", "00000000-0000-0000-0000-000000000000"),
                Value.text("uuid", "short groups", "0-0-0-0-0"),
                Value.text("uuid", "overlong groups", "1-1-1-1-11111111111111111"),
                Value.text("uuid", "UUID + suffix", "00000000-0000-0000-0000-000000000001-x"),
                Value.text("uuid", "max UUID", "ffffffff-ffff-ffff-ffff-ffffffffffff"));
    }

    static List<Value> enums(JsonNode schema) {
        String first = schema.path("enum").path(0).asString("VALUE");
        return List.of(
                Value.text("type", "unknown enum value", "NOT_A_VALUE"),
                Value.text("type", "lower-case enum value", first.toLowerCase(Locale.ROOT)),
                Value.text("multibyte", "dotted İ in enum value", first.replace('I', 'İ')),
                Value.text("control", "enum value + NUL", first + "\u0000"));
    }

    /** Wrong JSON types for a field of the given type. */
    static List<Value> wrongTypes(String type) {
        List<Value> values = new ArrayList<>();
        values.add(Value.json("type", "null", "null"));
        if (!"object".equals(type)) {
            values.add(Value.json("type", "object", "{\"$gt\":\"\"}"));
        }
        if (!"array".equals(type)) {
            values.add(Value.json("type", "array", "[\"fuzz\"]"));
        }
        if (!"boolean".equals(type)) {
            values.add(Value.json("type", "boolean", "true"));
        }
        if ("string".equals(type)) {
            values.add(Value.json("type", "number", "12345"));
        }
        else if (!"integer".equals(type) && !"number".equals(type)) {
            values.add(Value.json("type", "string", "\"fuzz\""));
        }
        return values;
    }

    static List<Value> arrays() {
        return List.of(
                Value.json("type", "array of null", "[null]"),
                Value.json("long", "10k elements", "[" + "\"a\",".repeat(9_999) + "\"a\"]"),
                Value.json("json", "nested 2,000 deep", "[".repeat(2_000) + "]".repeat(2_000)));
    }

    /** Raw text in a URL path segment, exactly as sent. */
    static List<Value> pathSegments() {
        return List.of(
                Value.url("traversal", "..", ".."),
                Value.url("traversal", "..;", "..;"),
                Value.url("traversal", "%2e%2e", "%2e%2e"),
                Value.url("traversal", ".%2e/", ".%2e%2F.."),
                Value.url("traversal", "%2f", "a%2fb"),
                Value.url("traversal", "%5c", "..%5c..%5c"),
                Value.url("traversal", "%252e double encoding", "%252e%252e%252f"),
                Value.url("encoding", "%00", "%00"),
                Value.url("encoding", "lone %", "%"),
                Value.url("encoding", "%zz", "%zz"),
                Value.url("encoding", "invalid UTF-8 %C3%28", "%C3%28"),
                Value.url("encoding", "CESU surrogate %ED%A0%80", "%ED%A0%80"),
                Value.url("encoding", "%u002e", "%u002e%u002e"),
                Value.url("encoding", "matrix ;a=b", "x;a=b"),
                Value.url("encoding", "raw UTF-8 bytes", "çé🚗"),
                Value.url("traversal", "/ inside", "a/b"));
    }

    /** Raw text in a query value, exactly as sent. */
    static List<Value> queryValues() {
        return List.of(
                Value.url("encoding", "lone %", "%"),
                Value.url("encoding", "%zz", "%zz"),
                Value.url("encoding", "invalid UTF-8 %C3%28", "%C3%28"),
                Value.url("encoding", "CESU surrogate %ED%A0%80", "%ED%A0%80"),
                Value.url("encoding", "raw UTF-8 bytes", "çé🚗"));
    }
}
