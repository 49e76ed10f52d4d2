package com.smartlinkauto.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request before it is sent, in pieces the mutations change one at a time: path segments and query
 * values already in their on-the-wire form, header values, and either a JSON tree (maps, lists, scalars and
 * {@link RawJson} tokens the writer emits verbatim) or raw body bytes with their content type.
 */
final class Draft {

    /** JSON text emitted verbatim (a number token the JDK cannot hold, an invalid token, a lone surrogate escape). */
    record RawJson(String text) {
    }

    String method;
    final String pathTemplate;
    final Map<String, String> path = new LinkedHashMap<>();
    /** name and value, both percent-encoded; a null value is sent as a bare name */
    final List<String[]> query = new ArrayList<>();
    final List<String[]> headers = new ArrayList<>();
    Object json;
    byte[] body;
    String contentType;

    Draft(String method, String pathTemplate) {
        this.method = method;
        this.pathTemplate = pathTemplate;
    }

    void setQuery(String name, String encodedValue) {
        for (String[] pair : query) {
            if (pair[0].equals(encode(name))) {
                pair[1] = encodedValue;
                return;
            }
        }
        query.add(new String[] { encode(name), encodedValue });
    }

    void removeQuery(String name) {
        query.removeIf(pair -> pair[0].equals(encode(name)));
    }

    void setHeader(String name, String value) {
        headers.removeIf(h -> h[0].equalsIgnoreCase(name));
        if (value != null) {
            headers.add(new String[] { name, value });
        }
    }

    /** The whole body replaced (content type null: no Content-Type header). */
    void rawBody(String contentType, byte[] body) {
        this.json = null;
        this.body = body;
        this.contentType = contentType;
    }

    String target() {
        String target = pathTemplate;
        for (Map.Entry<String, String> segment : path.entrySet()) {
            target = target.replace("{" + segment.getKey() + "}", segment.getValue());
        }
        if (!query.isEmpty()) {
            StringBuilder q = new StringBuilder();
            for (String[] pair : query) {
                q.append(q.length() == 0 ? "?" : "&").append(pair[0]);
                if (pair[1] != null) {
                    q.append('=').append(pair[1]);
                }
            }
            target += q;
        }
        return target;
    }

    RawHttp.Request toRequest() {
        List<String[]> all = new ArrayList<>(headers);
        byte[] bytes = body;
        if (json != null) {
            bytes = write(json).getBytes(StandardCharsets.UTF_8);
        }
        if (contentType != null) {
            all.add(new String[] { "Content-Type", contentType });
        }
        return new RawHttp.Request(method, target(), all, bytes);
    }

    /** Percent-encodes every byte of the UTF-8 form except the unreserved characters (RFC 3986). */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
                    || c == '_' || c == '~') {
                out.append((char) c);
            }
            else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** JSON text of a tree of maps, lists, strings, numbers, booleans, nulls and {@link RawJson}. */
    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out) {
        if (value == null) {
            out.append("null");
        }
        else if (value instanceof RawJson raw) {
            out.append(raw.text());
        }
        else if (value instanceof String s) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        }
                        else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
        else if (value instanceof BigDecimal d) {
            out.append(d.toPlainString());
        }
        else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        }
        else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                write(String.valueOf(entry.getKey()), out);
                out.append(':');
                write(entry.getValue(), out);
            }
            out.append('}');
        }
        else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(list.get(i), out);
            }
            out.append(']');
        }
        else {
            write(value.toString(), out);
        }
    }

    /** Replaces (or, with {@code remove}, deletes) the node at a path of map keys and list indexes. */
    @SuppressWarnings("unchecked")
    static void set(Object root, List<Object> pointer, Object value, boolean remove) {
        Object parent = root;
        for (int i = 0; i < pointer.size() - 1; i++) {
            Object step = pointer.get(i);
            parent = step instanceof Integer index ? ((List<Object>) parent).get(index) : ((Map<String, Object>) parent).get(step);
        }
        Object last = pointer.get(pointer.size() - 1);
        if (last instanceof Integer index) {
            List<Object> list = (List<Object>) parent;
            if (remove) {
                list.remove((int) index);
            }
            else {
                list.set(index, value);
            }
        }
        else {
            Map<String, Object> map = (Map<String, Object>) parent;
            if (remove) {
                map.remove(last);
            }
            else {
                map.put((String) last, value);
            }
        }
    }

    /** Multipart body with one file part (and optional text fields). */
    static byte[] multipart(String boundary, String partName, String filename, String partType, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + partName + "\"; filename=\""
                + filename + "\"\r\nContent-Type: " + partType + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
