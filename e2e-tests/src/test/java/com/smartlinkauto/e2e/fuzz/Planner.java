package com.smartlinkauto.e2e.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;

import com.smartlinkauto.e2e.fuzz.AccessPolicy.Access;
import com.smartlinkauto.e2e.fuzz.AccessPolicy.Role;
import com.smartlinkauto.e2e.fuzz.Fixtures.Identity;
import com.smartlinkauto.e2e.fuzz.Malformed.Mode;
import com.smartlinkauto.e2e.fuzz.Malformed.Value;
import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Operation;
import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Param;

import tools.jackson.databind.JsonNode;

/**
 * Turns every operation into probes: for every role the valid request built from the schema and the
 * fixtures (does the role pass where it must not?), then that request with one thing changed at a time —
 * each path, query and header parameter and each body field (nested objects and arrays too) gets the
 * malformed values of its type, the body as a whole gets broken JSON, unknown fields and wrong content
 * types, multipart bodies get broken boundaries and hostile file names. The role that may call the
 * operation (the owner, the admin, anyone for public ones) gets every mutation up to a cap per operation;
 * the other roles get an even sample of them. Mutations are interleaved across fields, so a cap keeps the
 * first (likeliest to break) values of every field rather than all of the first field's.
 */
final class Planner {

    /** Everything one request of the run needs. */
    record Probe(String service, String endpoint, Operation op, Access access, Role role, Identity identity,
            String field, Value value, String label, boolean baseline, int phase, boolean throttled,
            Supplier<RawHttp.Request> request) {
    }

    /** One change to the valid request. */
    record Mutation(String field, Value value, String label, Consumer<Draft> apply) {

        /** Megabytes on the wire: only for the role that may call the operation, not for every role. */
        boolean heavy() {
            return (value != null && value.expensive()) || label.contains(" MB ") || label.contains("deep");
        }
    }

    /** Paths whose operations take a raw body the document does not describe (a file's bytes). */
    private static final Set<String> RAW_BODY = Set.of("POST /api/storage/files", "POST /internal/storage/files");

    private static final List<String> METHODS = List.of("PUT", "PATCH", "DELETE", "POST", "GET");

    private final Fixtures fixtures;
    private final Settings settings;
    final List<String> notes = new ArrayList<>();

    Planner(Fixtures fixtures, Settings settings) {
        this.fixtures = fixtures;
        this.settings = settings;
    }

    /** Phase 1: everything that does not delete; phase 2: deletions; phase 3: the one key rotation. */
    List<Probe> plan(List<Operation> operations, int perOperation) {
        notes.clear();
        List<Probe> probes = new ArrayList<>();
        Set<String> methodProbed = new LinkedHashSet<>();
        for (Operation op : operations) {
            if (!settings.only().matcher(op.key()).find()) {
                continue;
            }
            Access access = AccessPolicy.of(op);
            if (op.routed() && !AccessPolicy.known(op.method(), op.path())) {
                notes.add(op.service().name() + " " + op.key() + ": not in the access table, treated as " + access);
            }
            Role primary = primary(access);
            int phase = op.method().equals("DELETE") ? 2 : 1;
            boolean rotation = op.path().equals("/api/admin/keys/rotate");
            // failed logins and failed password changes count against user-service's login throttle (per account
            // and per address): these go one at a time within a failure budget, and never as the shared admin
            boolean password = op.path().equals("/api/users/me/password");
            boolean login = THROTTLED.contains(op.path());
            if (password) {
                notes.add(op.key() + ": sent only as anonymous and as a throw-away renter (a wrong current password counts "
                        + "against the account's login throttle, and a changed password may end the account's tokens)");
            }
            for (Role role : Role.values()) {
                if (password && role != Role.ANONYMOUS && role != Role.RENTER) {
                    continue;
                }
                Identity identity = identityFor(op, role);
                List<Mutation> mutations = mutations(op, identity);
                List<Mutation> chosen;
                if (access == Access.NOT_ROUTED) {
                    chosen = sample(mutations.stream().filter(m -> m.value() != null && m.value().mode() == Mode.URL).toList(),
                            role == primary ? 8 : 2);
                }
                else if (rotation && role == Role.ADMIN) {
                    chosen = List.of();
                }
                else if (role == primary) {
                    chosen = mutations.subList(0, Math.min(perOperation, mutations.size()));
                }
                else {
                    chosen = sample(mutations.stream().filter(m -> !m.heavy()).toList(), settings.perRole());
                }
                int rolePhase = rotation && role == Role.ADMIN ? 3 : phase;
                probes.add(probe(op, access, identity, null, rolePhase, login, Map.of()));
                for (Mutation mutation : chosen) {
                    probes.add(probe(op, access, identity, mutation, rolePhase, login, Map.of()));
                }
                // authorisation only: a vehicle still under review is not public; "me" instead of a partner id
                if (AccessPolicy.publicIfBookable(op)) {
                    probes.add(probe(op, Access.OWNER, identity, null, phase, false, fixtures.privateVehicle()));
                }
                if (AccessPolicy.partnerScoped(op)) {
                    probes.add(probe(op, Access.PARTNER_OR_ADMIN, identity, null, phase, false, Map.of("partnerId", "me")));
                }
            }
            // one method the path does not declare, for the role that may call it and for anonymous
            if (op.routed() && methodProbed.add(op.path())) {
                Set<String> declared = new LinkedHashSet<>();
                operations.stream().filter(o -> o.path().equals(op.path())).forEach(o -> declared.add(o.method()));
                METHODS.stream().filter(m -> !declared.contains(m)).findFirst().ifPresent(method -> {
                    for (Role role : new LinkedHashSet<>(List.of(primary, Role.ANONYMOUS))) {
                        Mutation other = new Mutation("method", null, "undeclared method " + method, d -> d.method = method);
                        Access methodAccess = AccessPolicy.known(method, op.path()) ? accessFor(method, op) : access;
                        probes.add(probe(op, methodAccess, identityFor(op, role), other, method.equals("DELETE") ? 2 : 1,
                                false, Map.of()));
                    }
                });
            }
        }
        return probes;
    }

    private static Access accessFor(String method, Operation op) {
        return AccessPolicy.of(new Operation(op.service(), method, op.path(), op.params(), op.bodyType(), op.bodySchema(),
                op.security()));
    }

    static Role primary(Access access) {
        return switch (access) {
            case PUBLIC, NOT_ROUTED -> Role.ANONYMOUS;
            case SIGNED_IN, RENTER, BOOKING_OWNER, BOOKING_PARTY -> Role.RENTER;
            case ADMIN -> Role.ADMIN;
            default -> Role.PARTNER_VERIFIED;
        };
    }

    private Identity identityFor(Operation op, Role role) {
        if (op.path().equals("/api/users/me/password") && role == Role.RENTER) {
            return fixtures.passwordChanger;
        }
        return fixtures.identity(role);
    }

    private Probe probe(Operation op, Access access, Identity identity, Mutation mutation, int phase, boolean login,
            Map<String, String> pathOverrides) {
        Supplier<RawHttp.Request> request = () -> {
            Draft draft = base(op, identity, pathOverrides);
            if (mutation != null) {
                mutation.apply().accept(draft);
            }
            return draft.toRequest();
        };
        String label = mutation == null ? (pathOverrides.isEmpty() ? "valid request" : "valid request with " + pathOverrides.keySet()
                .stream().map(k -> k + "=" + shortId(pathOverrides.get(k))).toList()) : mutation.label();
        return new Probe(op.service().name(), op.key(), op, access, identity.role(), identity,
                mutation == null ? "-" : mutation.field(), mutation == null ? null : mutation.value(), label,
                mutation == null && pathOverrides.isEmpty(), phase, login, request);
    }

    private static String shortId(String value) {
        return value.length() > 12 ? value.substring(0, 8) + "…" : value;
    }

    /** The valid request (fresh values every time: sign-ups need a new e-mail, listings a new VIN). */
    Draft base(Operation op, Identity identity, Map<String, String> pathOverrides) {
        Draft draft = new Draft(op.method(), op.path());
        if (identity.accessToken() != null) {
            draft.headers.add(new String[] { "Authorization", "Bearer " + identity.accessToken() });
        }
        for (Param param : op.params()) {
            Object fixture = fixtures.value(op, identity, param.in(), param.name());
            Object value = fixture != null ? fixture : ValidValues.of(param.schema(), param.name());
            String text = value instanceof java.math.BigDecimal d ? d.toPlainString() : String.valueOf(value);
            switch (param.in()) {
                case "path" -> draft.path.put(param.name(),
                        pathOverrides.containsKey(param.name()) ? pathOverrides.get(param.name()) : Draft.encode(text));
                case "query" -> draft.setQuery(param.name(), Draft.encode(text));
                case "header" -> draft.setHeader(param.name(), text);
                default -> {
                }
            }
        }
        if (RAW_BODY.contains(op.key()) || "application/octet-stream".equals(op.bodyType())) {
            draft.rawBody(op.key().contains("storage/files") ? "text/plain" : "application/octet-stream",
                    ("fuzz payload " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8));
        }
        else if (op.bodyType() != null && op.bodyType().startsWith("multipart/")) {
            String boundary = "fuzz-" + UUID.randomUUID();
            draft.rawBody("multipart/form-data; boundary=" + boundary,
                    Draft.multipart(boundary, "file", "front.png", "image/png", Fixtures.png()));
        }
        else if (op.bodyType() != null) {
            Object body = ValidValues.of(op.bodySchema(), "");
            applyFixtures(op, identity, body, "");
            draft.json = body;
            draft.contentType = "application/json";
        }
        return draft;
    }

    @SuppressWarnings("unchecked")
    private void applyFixtures(Operation op, Identity identity, Object node, String prefix) {
        if (node instanceof Map<?, ?> map) {
            for (Map.Entry<String, Object> entry : ((Map<String, Object>) map).entrySet()) {
                String name = prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey();
                Object fixture = fixtures.value(op, identity, "body", name);
                if (fixture != null) {
                    entry.setValue(fixture);
                }
                else {
                    applyFixtures(op, identity, entry.getValue(), name);
                }
            }
        }
    }

    /** Every mutation of the operation, interleaved across fields. */
    List<Mutation> mutations(Operation op, Identity identity) {
        List<List<Mutation>> groups = new ArrayList<>();
        boolean[] million = { false };
        for (Param param : op.params()) {
            List<Mutation> group = new ArrayList<>();
            String field = param.in() + " " + param.name();
            List<Value> values = new ArrayList<>(valuesFor(param.schema(), param.name()));
            if (param.in().equals("path")) {
                values.addAll(Malformed.pathSegments());
            }
            if (param.in().equals("query")) {
                values.addAll(Malformed.queryValues());
                if (!million[0] && "string".equals(param.schema().path("type").asString("string"))) {
                    million[0] = true;
                    values.add(Value.text("long", "1M chars", Malformed.MILLION));
                }
            }
            for (Value value : values) {
                if (settings.skipped(value)) {
                    continue;
                }
                switch (param.in()) {
                    case "path" -> group.add(new Mutation(field, value, describe(field, value),
                            d -> d.path.put(param.name(), value.mode() == Mode.URL ? value.text() : Draft.encode(value.text()))));
                    case "query" -> group.add(new Mutation(field, value, describe(field, value),
                            d -> d.setQuery(param.name(), value.mode() == Mode.URL ? value.text() : Draft.encode(value.text()))));
                    case "header" -> {
                        if (value.mode() != Mode.URL) {
                            group.add(new Mutation(field, value, describe(field, value), d -> d.setHeader(param.name(), value.text())));
                        }
                    }
                    default -> {
                    }
                }
            }
            if (param.in().equals("query")) {
                if (param.required()) {
                    group.add(1, new Mutation(field, null, field + " missing", d -> d.removeQuery(param.name())));
                }
                group.add(new Mutation(field, null, field + " given twice", d -> d.query.add(new String[] {
                        Draft.encode(param.name()), Draft.encode(String.valueOf(ValidValues.of(param.schema(), param.name()))) })));
                group.add(new Mutation(field, null, field + " without a value", d -> {
                    d.removeQuery(param.name());
                    d.query.add(new String[] { Draft.encode(param.name()), null });
                }));
            }
            groups.add(group);
        }
        if (RAW_BODY.contains(op.key())) {
            groups.add(rawBodyMutations());
        }
        else if (op.bodyType() != null && op.bodyType().startsWith("multipart/")) {
            groups.add(multipartMutations());
        }
        else if (op.bodyType() != null && op.bodySchema() != null) {
            Object valid = ValidValues.of(op.bodySchema(), "");
            walk(op.bodySchema(), new ArrayList<>(), "", valid, groups, million);
            groups.add(0, jsonBodyMutations(op, identity));
        }
        if (THROTTLED.contains(op.path())) {
            // every answer that may have reached the password check spends a token of the failure budget: the
            // fields that reach the database first (a NUL e-mail), then the body as a whole (its failures are the
            // same on every endpoint), the password fields last (their mutations are just wrong passwords)
            List<List<Mutation>> ordered = new ArrayList<>(groups);
            ordered.sort(java.util.Comparator.comparingInt(g -> g.isEmpty() ? 0 : passwordRank(g.get(0).field())));
            return ordered.stream().flatMap(List::stream).toList();
        }
        return interleave(groups);
    }

    /** Operations that user-service's login throttle counts (failed logins, wrong current passwords). */
    static final Set<String> THROTTLED = Set.of("/api/auth/login", "/api/users/me/password");

    private static int passwordRank(String field) {
        String f = field.toLowerCase(Locale.ROOT);
        return f.contains("currentpassword") ? 3 : f.endsWith(" password") ? 2 : f.equals("body") ? 1 : 0;
    }

    /** Mutations of every field of a JSON body, depth first. */
    @SuppressWarnings("unchecked")
    private void walk(JsonNode schema, List<Object> pointer, String name, Object valid, List<List<Mutation>> groups,
            boolean[] million) {
        String type = type(schema);
        if (!pointer.isEmpty()) {
            String field = "body " + dotted(pointer);
            List<Mutation> group = new ArrayList<>();
            List<Value> values = new ArrayList<>(valuesFor(schema, name));
            if ("array".equals(type)) {
                values.addAll(Malformed.arrays());
            }
            if (!million[0] && "string".equals(type) && !schema.has("enum") && !schema.has("format")) {
                million[0] = true;
                values.add(Value.text("long", "1M chars", Malformed.MILLION));
            }
            values.addAll(Malformed.wrongTypes(type));
            for (Value value : values) {
                if (value.mode() == Mode.URL || settings.skipped(value)) {
                    continue;
                }
                Object replacement = value.mode() == Mode.TEXT ? value.text() : new Draft.RawJson(value.text());
                List<Object> at = List.copyOf(pointer);
                group.add(new Mutation(field, value, describe(field, value), d -> Draft.set(d.json, at, replacement, false)));
            }
            if (!(pointer.get(pointer.size() - 1) instanceof Integer)) {
                List<Object> at = List.copyOf(pointer);
                group.add(Math.min(3, group.size()), new Mutation(field, null, field + " left out", d -> Draft.set(d.json, at, null, true)));
            }
            if ("object".equals(type)) {
                List<Object> at = List.copyOf(pointer);
                group.add(new Mutation(field, null, field + " with an unknown field", d -> {
                    Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) ValidValues.copy(valid));
                    copy.put("zzUnknown", "fuzz");
                    Draft.set(d.json, at, copy, false);
                }));
            }
            groups.add(group);
        }
        if ("object".equals(type) && valid instanceof Map<?, ?> map) {
            for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
                if (map.containsKey(property.getKey())) {
                    List<Object> child = new ArrayList<>(pointer);
                    child.add(property.getKey());
                    walk(property.getValue(), child, property.getKey(), map.get(property.getKey()), groups, million);
                }
            }
        }
        if ("array".equals(type) && valid instanceof List<?> list && !list.isEmpty()) {
            List<Object> child = new ArrayList<>(pointer);
            child.add(0);
            walk(schema.path("items"), child, name, list.get(0), groups, million);
        }
    }

    private static String type(JsonNode schema) {
        return schema.path("type").asString(schema.has("properties") ? "object" : schema.has("items") ? "array" : "string");
    }

    private static String dotted(List<Object> pointer) {
        StringBuilder out = new StringBuilder();
        for (Object step : pointer) {
            if (step instanceof Integer index) {
                out.append('[').append(index).append(']');
            }
            else {
                out.append(out.length() == 0 ? "" : ".").append(step);
            }
        }
        return out.toString();
    }

    /** The malformed values for a parameter or field of this schema. */
    static List<Value> valuesFor(JsonNode schema, String name) {
        String type = type(schema);
        String format = schema.path("format").asString("");
        String key = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (type) {
            case "integer":
            case "number":
                return Malformed.numbers();
            case "boolean":
                return List.of(Value.text("type", "\"yes\"", "yes"), Value.json("type", "2", "2"),
                        Value.text("control", "NUL", "\u0000"));
            case "object":
            case "array":
                return List.of();
            default:
                break;
        }
        List<Value> values = new ArrayList<>();
        if (schema.has("enum")) {
            values.addAll(Malformed.enums(schema));
            values.addAll(subset());
        }
        else if (format.equals("uuid")) {
            values.addAll(Malformed.uuids());
            values.addAll(subset());
        }
        else if (format.startsWith("date") || key.equals("from") || key.equals("to") || key.endsWith("at")) {
            values.addAll(Malformed.dates());
            values.addAll(subset());
        }
        else {
            values.addAll(Malformed.strings());
        }
        return values;
    }

    /** The strings every typed text input (enum, UUID, date) also gets. */
    private static List<Value> subset() {
        return Malformed.strings().stream()
                .filter(v -> Set.of("NUL", "10k chars", "80 x İ (lower-cases to 160 chars)", "RLO override", "emoji",
                        "../ traversal", "empty", "1e999999999 as text").contains(v.label()))
                .toList();
    }

    /** Broken JSON, unknown fields and wrong content types for a JSON body. */
    private List<Mutation> jsonBodyMutations(Operation op, Identity identity) {
        List<Mutation> group = new ArrayList<>();
        String field = "body";
        group.add(raw(field, "content-type", "Content-Type text/plain", d -> d.contentType = "text/plain"));
        group.add(raw(field, "content-type", "Content-Type application/xml with an external entity", d -> d.rawBody("application/xml",
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>".getBytes(StandardCharsets.UTF_8))));
        group.add(raw(field, "content-type", "Content-Type multipart/form-data without a boundary",
                d -> d.contentType = "multipart/form-data"));
        group.add(raw(field, "json", "empty body", d -> d.rawBody("application/json", new byte[0])));
        group.add(raw(field, "json", "broken JSON {", d -> d.rawBody("application/json", bytes("{"))));
        group.add(raw(field, "unknown-field", "unknown field role=ADMIN", d -> put(d, "role", "ADMIN")));
        group.add(raw(field, "content-type", "no Content-Type", d -> d.contentType = null));
        group.add(raw(field, "json", "JSON null", d -> d.rawBody("application/json", bytes("null"))));
        group.add(raw(field, "json", "JSON array", d -> d.rawBody("application/json", bytes("[]"))));
        group.add(raw(field, "json", "JSON string", d -> d.rawBody("application/json", bytes("\"fuzz\""))));
        group.add(raw(field, "json", "empty object", d -> d.rawBody("application/json", bytes("{}"))));
        group.add(raw(field, "unknown-field", "unknown field zzUnknown", d -> put(d, "zzUnknown", 1)));
        group.add(raw(field, "unknown-field", "unknown field id", d -> put(d, "id", UUID.randomUUID().toString())));
        group.add(raw(field, "json", "truncated JSON", d -> {
            String text = Draft.write(d.json);
            d.rawBody("application/json", bytes(text.substring(0, Math.max(1, text.length() - 3))));
        }));
        group.add(raw(field, "json", "nested 5,000 deep", d -> d.rawBody("application/json",
                bytes("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)))));
        group.add(raw(field, "json", "invalid UTF-8 in a string", d -> {
            String text = Draft.write(d.json);
            int quote = text.indexOf(":\"");
            byte[] head = bytes(quote < 0 ? "{\"x\":\"" : text.substring(0, quote + 2));
            byte[] tail = bytes(quote < 0 ? "\"}" : text.substring(quote + 2));
            byte[] all = new byte[head.length + 2 + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            all[head.length] = (byte) 0xC3;
            all[head.length + 1] = (byte) 0x28;
            System.arraycopy(tail, 0, all, head.length + 2, tail.length);
            d.rawBody("application/json", all);
        }));
        group.add(raw(field, "json", "duplicate key", d -> {
            String text = Draft.write(d.json);
            d.rawBody("application/json", bytes(text.length() > 1 ? "{\"zzDup\":1,\"zzDup\":2," + text.substring(1) : text));
        }));
        group.add(raw(field, "json", "trailing garbage", d -> d.rawBody("application/json", bytes(Draft.write(d.json) + "}]x"))));
        group.add(raw(field, "json", "byte-order mark", d -> d.rawBody("application/json", bytes("\ufeff" + Draft.write(d.json)))));
        group.add(raw(field, "json", "comment", d -> d.rawBody("application/json", bytes("/* x */" + Draft.write(d.json)))));
        group.add(raw(field, "content-type", "Content-Type application/json; charset=UTF-16",
                d -> d.contentType = "application/json; charset=UTF-16"));
        group.add(raw(field, "content-type", "Content-Type application/x-www-form-urlencoded",
                d -> d.rawBody("application/x-www-form-urlencoded", bytes("email=a%40b.c&password=x"))));
        group.add(raw(field, "content-type", "Content-Type application/x-java-serialized-object",
                d -> d.rawBody("application/x-java-serialized-object", new byte[] { (byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72 })));
        group.add(raw(field, "content-type", "garbage Content-Type", d -> d.contentType = "çé/🚗; charset=\"x"));
        group.add(raw(field, "long", "2 MB of whitespace around valid JSON",
                d -> d.rawBody("application/json", bytes(" ".repeat(2_000_000) + Draft.write(d.json)))));
        return group;
    }

    @SuppressWarnings("unchecked")
    private static void put(Draft draft, String name, Object value) {
        if (draft.json instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(name, value);
        }
    }

    private List<Mutation> multipartMutations() {
        List<Mutation> group = new ArrayList<>();
        String field = "multipart";
        group.add(raw(field, "multipart", "Content-Type multipart/form-data without a boundary",
                d -> d.contentType = "multipart/form-data"));
        group.add(raw(field, "multipart", "empty boundary", d -> d.contentType = "multipart/form-data; boundary="));
        group.add(raw(field, "multipart", "boundary that is not in the body", d -> d.contentType = "multipart/form-data; boundary=zzz"));
        group.add(raw(field, "multipart", "empty body", d -> d.rawBody("multipart/form-data; boundary=b", new byte[0])));
        group.add(raw(field, "multipart", "only the closing boundary", d -> d.rawBody("multipart/form-data; boundary=b", bytes("--b--\r\n"))));
        group.add(raw(field, "multipart", "truncated (no closing boundary)", d -> {
            byte[] full = Draft.multipart("b", "file", "front.png", "image/png", Fixtures.png());
            d.rawBody("multipart/form-data; boundary=b", java.util.Arrays.copyOf(full, full.length - 8));
        }));
        group.add(part(field, "part named notfile", "notfile", "front.png", "image/png", Fixtures.png()));
        group.add(part(field, "empty file", "file", "front.png", "image/png", new byte[0]));
        group.add(part(field, "text claiming to be a PNG", "file", "front.png", "image/png", bytes("just text\n")));
        group.add(part(field, "file name ../ traversal", "file", "../../../../etc/passwd", "image/png", Fixtures.png()));
        group.add(part(field, "file name with NUL", "file", "front\u0000.png", "image/png", Fixtures.png()));
        group.add(part(field, "file name 10k chars", "file", "A".repeat(10_000) + ".png", "image/png", Fixtures.png()));
        group.add(part(field, "file name with RLO", "file", "\u202egnp.exe", "image/png", Fixtures.png()));
        group.add(part(field, "file name 80 x İ", "file", "İ".repeat(80), "image/png", Fixtures.png()));
        group.add(part(field, "part Content-Type garbage", "file", "front.png", "../../x; charset=\u0000", Fixtures.png()));
        group.add(raw(field, "content-type", "Content-Type application/json", d -> d.rawBody("application/json", bytes("{}"))));
        group.add(raw(field, "content-type", "Content-Type text/plain", d -> d.rawBody("text/plain", bytes("hello"))));
        group.add(raw(field, "content-type", "no Content-Type", d -> d.contentType = null));
        return group;
    }

    private static Mutation part(String field, String label, String name, String filename, String type, byte[] content) {
        return raw(field, "multipart", label, d -> d.rawBody("multipart/form-data; boundary=fuzzb",
                Draft.multipart("fuzzb", name, filename, type, content)));
    }

    private List<Mutation> rawBodyMutations() {
        List<Mutation> group = new ArrayList<>();
        String field = "body";
        group.add(raw(field, "multipart", "Content-Type multipart/form-data without a boundary",
                d -> d.contentType = "multipart/form-data"));
        group.add(raw(field, "multipart", "multipart boundary not in the body", d -> d.contentType = "multipart/form-data; boundary=zzz"));
        group.add(raw(field, "multipart", "multipart empty body", d -> d.rawBody("multipart/form-data; boundary=b", new byte[0])));
        group.add(raw(field, "content-type", "no Content-Type", d -> d.contentType = null));
        group.add(raw(field, "content-type", "Content-Type ../../etc/passwd", d -> d.contentType = "../../etc/passwd"));
        group.add(raw(field, "content-type", "Content-Type 10k chars", d -> d.contentType = "text/" + "a".repeat(10_000)));
        group.add(raw(field, "content-type", "garbage Content-Type", d -> d.contentType = "çé/🚗; charset=\"x"));
        group.add(raw(field, "json", "empty body", d -> d.rawBody("text/plain", new byte[0])));
        group.add(part(field, "multipart file name ../ traversal", "file", "../../../../etc/passwd", "text/plain", bytes("x")));
        group.add(part(field, "multipart file name with NUL", "file", "a\u0000.txt", "text/plain", bytes("x")));
        return group;
    }

    private static Mutation raw(String field, String kind, String label, Consumer<Draft> apply) {
        return new Mutation(field, Value.text(kind, label, ""), field + ": " + label, apply);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String describe(String field, Value value) {
        return field + " = " + value.label() + " [" + value.kind() + "]";
    }

    /** First of every group, then second of every group, … */
    static List<Mutation> interleave(List<List<Mutation>> groups) {
        List<Mutation> out = new ArrayList<>();
        int longest = groups.stream().mapToInt(List::size).max().orElse(0);
        for (int i = 0; i < longest; i++) {
            for (List<Mutation> group : groups) {
                if (i < group.size()) {
                    out.add(group.get(i));
                }
            }
        }
        return out;
    }

    /** An even spread of at most n. */
    static <T> List<T> sample(List<T> all, int n) {
        if (all.size() <= n) {
            return all;
        }
        List<T> out = new ArrayList<>();
        double step = (double) all.size() / n;
        for (int i = 0; i < n; i++) {
            out.add(all.get((int) (i * step)));
        }
        return out;
    }
}
