package com.smartlinkauto.user.partner.document;

import java.util.Arrays;
import java.util.Optional;

/**
 * The file formats a partner document may have, recognised by their first bytes (magic numbers) only: the
 * file name and the Content-Type the client declares are never trusted.
 */
enum DocumentFormat {

    PDF("application/pdf", "pdf"),
    JPEG("image/jpeg", "jpg"),
    PNG("image/png", "png"),
    WEBP("image/webp", "webp");

    /** Bytes needed to tell the formats apart. */
    static final int HEADER_BYTES = 12;

    private static final byte[] PDF_MAGIC = { '%', 'P', 'D', 'F', '-' };
    private static final byte[] JPEG_MAGIC = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF };
    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final byte[] RIFF = { 'R', 'I', 'F', 'F' };
    private static final byte[] WEBP_MAGIC = { 'W', 'E', 'B', 'P' };

    private final String mediaType;
    private final String extension;

    DocumentFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    String mediaType() {
        return mediaType;
    }

    String extension() {
        return extension;
    }

    /** The format the file's first bytes announce, if it is one of ours. */
    static Optional<DocumentFormat> detect(byte[] header) {
        if (startsWith(header, 0, PDF_MAGIC)) {
            return Optional.of(PDF);
        }
        if (startsWith(header, 0, JPEG_MAGIC)) {
            return Optional.of(JPEG);
        }
        if (startsWith(header, 0, PNG_MAGIC)) {
            return Optional.of(PNG);
        }
        if (startsWith(header, 0, RIFF) && startsWith(header, 8, WEBP_MAGIC)) {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
        return data.length >= offset + prefix.length
                && Arrays.equals(data, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
