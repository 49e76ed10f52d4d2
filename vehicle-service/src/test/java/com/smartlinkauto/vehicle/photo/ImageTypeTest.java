package com.smartlinkauto.vehicle.photo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ImageTypeTest {

    private static ImageType sniff(byte[] bytes) {
        return ImageType.sniff(bytes, bytes.length).orElse(null);
    }

    @Test
    void recognisesImagesByTheirFirstBytesOnly() {
        assertThat(sniff(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xDB })).isEqualTo(ImageType.JPEG);
        assertThat(sniff(new byte[] { (byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0 }))
                .isEqualTo(ImageType.PNG);
        assertThat(sniff("RIFF\u0000\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(ImageType.WEBP);
        assertThat(sniff("RIFF\u0000\u0000\u0000\u0000WAVEfmt ".getBytes(StandardCharsets.ISO_8859_1))).isNull();
        assertThat(sniff("%PDF-1.7".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(sniff("<svg xmlns=".getBytes(StandardCharsets.US_ASCII))).isNull();
        assertThat(sniff(new byte[] { (byte) 0xFF, (byte) 0xD8 })).isNull();
        assertThat(sniff(new byte[0])).isNull();
    }
}
