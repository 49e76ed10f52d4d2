package com.smartlinkauto.storage.file;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One HTTP byte range ({@code bytes=a-b}, {@code bytes=a-}, {@code bytes=-n}) resolved against a size:
 * {@code [start, end)}. A missing, malformed or multi-range header means the whole file (RFC 9110 lets a
 * server ignore Range).
 */
record ByteRange(long start, long end, boolean partial, boolean unsatisfiable) {

    private static final Pattern SINGLE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

    static ByteRange parse(String header, long size) {
        ByteRange whole = new ByteRange(0, size, false, false);
        if (header == null) {
            return whole;
        }
        Matcher m = SINGLE.matcher(header.trim());
        if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
            return whole;
        }
        try {
            if (m.group(1).isEmpty()) {
                long suffix = Long.parseLong(m.group(2));
                if (suffix == 0) {
                    return new ByteRange(0, 0, true, true);
                }
                return size == 0 ? new ByteRange(0, 0, true, true)
                        : new ByteRange(Math.max(0, size - suffix), size, true, false);
            }
            long first = Long.parseLong(m.group(1));
            long last = m.group(2).isEmpty() ? size - 1 : Long.parseLong(m.group(2));
            if (!m.group(2).isEmpty() && last < first) {
                return whole;
            }
            if (first >= size) {
                return new ByteRange(0, 0, true, true);
            }
            return new ByteRange(first, Math.min(last, size - 1) + 1, true, false);
        }
        catch (NumberFormatException ex) {
            return whole;
        }
    }
}
