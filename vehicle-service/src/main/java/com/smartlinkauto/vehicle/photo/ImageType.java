package com.smartlinkauto.vehicle.photo;

import java.util.Optional;

/** The image formats photos may have, recognised by their first bytes (never by name or declared type). */
enum ImageType {
    JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp");

    /** Bytes needed to tell the formats apart. */
    static final int SNIFF_BYTES = 12;

    final String contentType;

    ImageType(String contentType) {
        this.contentType = contentType;
    }

    static Optional<ImageType> sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8 && (head[2] & 0xff) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && (head[0] & 0xff) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G'
                && head[4] == 0x0D && head[5] == 0x0A && head[6] == 0x1A && head[7] == 0x0A) {
            return Optional.of(PNG);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W'
                && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }
}
