package com.smartlinkauto.e2e.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A deliberately naive HTTP/1.1 client over a plain socket, one connection per request
 * ({@code Connection: close}). The fuzz test needs what well-behaved clients refuse to send — request
 * targets with {@code ..;}, raw {@code %} and non-ASCII bytes, header values with control characters,
 * arbitrary {@code Content-Type}s — and to choose its loopback source address (the gateway's rate limits
 * and user-service's login throttle count per client address), which {@code java.net.http} cannot do
 * before JDK 19.
 */
final class RawHttp {

    /** Bytes of a response body kept (the report shows 200 characters). */
    private static final int MAX_RESPONSE_BYTES = 256 * 1024;

    private RawHttp() {
    }

    /**
     * @param target  the request target exactly as sent (already percent-encoded where it should be)
     * @param headers name and value, sent as UTF-8 bytes without any check
     * @param body    null for none (no Content-Length either)
     */
    record Request(String method, String target, List<String[]> headers, byte[] body) {

        int size() {
            int size = method.length() + target.length() + (body == null ? 0 : body.length);
            for (String[] header : headers) {
                size += header[0].length() + header[1].length() + 4;
            }
            return size;
        }

        String header(String name) {
            for (String[] header : headers) {
                if (header[0].equalsIgnoreCase(name)) {
                    return header[1];
                }
            }
            return null;
        }
    }

    /**
     * @param status 0 when no response came ({@link #error} says why)
     */
    record Response(int status, Map<String, String> headers, byte[] body, String error, long millis) {

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            String type = header("Content-Type");
            return type == null ? "" : type;
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    static Response send(InetAddress source, String host, int port, Request request, Duration timeout) {
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            socket.setSoLinger(true, 0);
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(new InetSocketAddress(host, port), 5_000);
            socket.setSoTimeout((int) timeout.toMillis());
            String writeError = write(socket.getOutputStream(), host, port, request);
            Response response = read(socket.getInputStream(), request.method(), started);
            if (response.status() == 0 && writeError != null) {
                return new Response(0, Map.of(), new byte[0], writeError + "; " + response.error(), response.millis());
            }
            return response;
        }
        catch (IOException ex) {
            return new Response(0, Map.of(), new byte[0], ex.toString(), millisSince(started));
        }
    }

    /** @return null, or why the request could not be written completely (the server may still have answered) */
    private static String write(OutputStream out, String host, int port, Request request) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.writeBytes((request.method() + " " + request.target() + " HTTP/1.1\r\n").getBytes(StandardCharsets.UTF_8));
            if (request.header("Host") == null) {
                head.writeBytes(("Host: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            for (String[] header : request.headers()) {
                head.writeBytes((header[0] + ": " + header[1] + "\r\n").getBytes(StandardCharsets.UTF_8));
            }
            if (request.body() != null) {
                head.writeBytes(("Content-Length: " + request.body().length + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            head.writeBytes("Connection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.write(head.toByteArray());
            if (request.body() != null) {
                byte[] body = request.body();
                for (int offset = 0; offset < body.length; offset += 64 * 1024) {
                    out.write(body, offset, Math.min(64 * 1024, body.length - offset));
                }
            }
            out.flush();
            return null;
        }
        catch (IOException ex) {
            return "while sending: " + ex;
        }
    }

    private static Response read(InputStream in, String method, long started) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        String error = null;
        try {
            int n;
            while ((n = in.read(buffer)) > 0) {
                raw.write(buffer, 0, n);
                if (raw.size() > MAX_RESPONSE_BYTES + 64 * 1024 || complete(raw.toByteArray(), method)) {
                    break;
                }
            }
        }
        catch (SocketTimeoutException ex) {
            error = "timed out after " + millisSince(started) + " ms";
        }
        catch (IOException ex) {
            error = ex.toString();
        }
        return parse(raw.toByteArray(), method, error, millisSince(started));
    }

    /** Whether the whole response is in (a server that keeps the connection open despite {@code close}). */
    private static boolean complete(byte[] raw, String method) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            return false;
        }
        String head = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int bodyBytes = raw.length - headEnd - 4;
        if ("HEAD".equals(method) || head.startsWith("http/1.1 204") || head.startsWith("http/1.1 304")) {
            return true;
        }
        int length = head.indexOf("\r\ncontent-length:");
        if (length >= 0) {
            int end = head.indexOf("\r\n", length + 2);
            try {
                return bodyBytes >= Integer.parseInt(head.substring(length + 17, end < 0 ? head.length() : end).trim());
            }
            catch (NumberFormatException ex) {
                return false;
            }
        }
        if (head.contains("\r\ntransfer-encoding: chunked")) {
            return raw.length >= 5 && new String(raw, raw.length - 5, 5, StandardCharsets.ISO_8859_1).equals("0\r\n\r\n");
        }
        return false;
    }

    private static Response parse(byte[] raw, String method, String error, long millis) {
        int headEnd = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            String why = raw.length == 0 ? "no response" : "incomplete response head (" + raw.length + " bytes)";
            return new Response(0, Map.of(), raw, error == null ? why : why + ", " + error, millis);
        }
        String head = new String(raw, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(statusLine[1]);
        }
        catch (RuntimeException ex) {
            return new Response(0, Map.of(), raw, "unparseable status line: " + lines[0], millis);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, headEnd + 4, raw.length);
        if ("HEAD".equals(method) || status == 204 || status == 304) {
            body = new byte[0];
        }
        else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
            body = dechunk(body);
        }
        else if (headers.containsKey("content-length")) {
            try {
                int length = Integer.parseInt(headers.get("content-length"));
                if (length < body.length) {
                    body = java.util.Arrays.copyOf(body, length);
                }
            }
            catch (NumberFormatException ex) {
                // keep what came
            }
        }
        if (body.length > MAX_RESPONSE_BYTES) {
            body = java.util.Arrays.copyOf(body, MAX_RESPONSE_BYTES);
        }
        return new Response(status, headers, body, null, millis);
    }

    /** Tolerant: a truncated chunked body gives what arrived. */
    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pos = 0;
        while (pos < chunked.length) {
            int lineEnd = indexOf(chunked, new byte[] { '\r', '\n' }, pos);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(chunked, pos, lineEnd - pos, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size;
            try {
                size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).trim(), 16);
            }
            catch (NumberFormatException ex) {
                break;
            }
            if (size == 0) {
                break;
            }
            int start = lineEnd + 2;
            int end = Math.min(chunked.length, start + size);
            out.write(chunked, start, end - start);
            pos = end + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** Header list builder. */
    static List<String[]> headers(String... namesAndValues) {
        List<String[]> headers = new ArrayList<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            headers.add(new String[] { namesAndValues[i], namesAndValues[i + 1] });
        }
        return headers;
    }
}
