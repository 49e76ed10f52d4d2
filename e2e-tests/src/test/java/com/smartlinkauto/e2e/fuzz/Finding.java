package com.smartlinkauto.e2e.fuzz;

import java.nio.charset.StandardCharsets;

import com.smartlinkauto.e2e.fuzz.AccessPolicy.Role;

/**
 * One thing the fuzzer found wrong, with what it takes to see it again.
 *
 * @param field what was changed ({@code query minPrice}, {@code body location.city}, {@code -} for the valid request)
 * @param value the value's description
 * @param repro a curl command line (tokens as {@code $ADMIN_TOKEN} etc.; very long values abridged)
 */
record Finding(Kind kind, String service, String endpoint, Role role, String field, String value, int status,
        String contentType, String body, String repro, String detail) {

    enum Kind {
        SERVER_ERROR("5xx"),
        NOT_PROBLEM_JSON("error without application/problem+json"),
        BAD_PROBLEM_BODY("problem+json body without the stable type/status"),
        UNAUTHORISED_2XX("2xx for a role that must not pass"),
        INTERNAL_ROUTED("internal path answered other than 404 at the gateway"),
        NO_RESPONSE("no response"),
        SERVICE_DOWN("service down");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    String line() {
        return "[" + kind.name() + "] " + endpoint + " as " + role + " — " + value + " → "
                + (status == 0 ? "no response" : status + " " + (contentType.isEmpty() ? "(no Content-Type)" : contentType))
                + (body.isEmpty() ? "" : " `" + body + "`") + (detail == null ? "" : " — " + detail);
    }

    /** The first 200 characters of a body, on one line. */
    static String snippet(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replace("\r", "\\r").replace("\n", "\\n").replace("`", "'");
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    /** A curl command that sends the request again (through the gateway, paths as is). */
    static String curl(String gateway, RawHttp.Request request, Role role) {
        StringBuilder out = new StringBuilder();
        byte[] body = request.body();
        boolean binary = body != null && !printable(body);
        if (binary) {
            out.append("printf '%b' ").append(quote(escape(body))).append(" | ");
        }
        out.append("curl -si --path-as-is -X ").append(request.method()).append(' ')
                .append(quote(abridge(gateway + request.target())));
        for (String[] header : request.headers()) {
            if (header[0].equalsIgnoreCase("Authorization") && header[1].startsWith("Bearer ey") && role != Role.ANONYMOUS) {
                out.append(" -H \"Authorization: Bearer $").append(role.name()).append("_TOKEN\"");
            }
            else {
                out.append(" -H ").append(quote(abridge(header[0] + ": " + header[1])));
            }
        }
        if (body != null) {
            out.append(binary ? " --data-binary @-" : " --data-binary " + quote(abridge(new String(body, StandardCharsets.UTF_8))));
        }
        return out.toString();
    }

    private static boolean printable(byte[] body) {
        for (byte b : body) {
            if ((b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') || b == 0x7f) {
                return false;
            }
        }
        return new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8).length == body.length;
    }

    /** printf %b escapes for every byte that is not printable ASCII. */
    private static String escape(byte[] body) {
        StringBuilder out = new StringBuilder();
        for (byte b : body) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\' && c != '\'') {
                out.append((char) c);
            }
            else {
                out.append(String.format("\\x%02x", c));
            }
        }
        return abridge(out.toString());
    }

    private static String quote(String text) {
        return "'" + text.replace("'", "'\\''") + "'";
    }

    /** Runs of one repeated character longer than 60 are shown as {@code <n × "c">}. */
    static String abridge(String text) {
        if (text.length() < 300) {
            return text;
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            int j = i;
            int count = 0;
            while (j < text.length() && text.codePointAt(j) == cp) {
                j += Character.charCount(cp);
                count++;
            }
            if (count > 60) {
                out.append("<").append(count).append(" × \"").appendCodePoint(cp).append("\">");
            }
            else {
                out.append(text, i, j);
            }
            i = j;
            if (out.length() > 1_500) {
                out.append("…(").append(text.length()).append(" chars)");
                break;
            }
        }
        return out.toString();
    }
}
