package com.smartlinkauto.user.partner.document;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class DocumentFormatTest {

    private static byte[] bytes(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return data;
    }

    @Test
    void recognisesTheFourFormatsByTheirMagicNumbers() {
        assertThat(DocumentFormat.detect("%PDF-1.7\n%âãÏÓ".getBytes(StandardCharsets.ISO_8859_1))).hasValue(DocumentFormat.PDF);
        assertThat(DocumentFormat.detect(bytes(0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, 'J', 'F', 'I', 'F'))).hasValue(DocumentFormat.JPEG);
        assertThat(DocumentFormat.detect(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D))).hasValue(DocumentFormat.PNG);
        assertThat(DocumentFormat.detect(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'E', 'B', 'P'))).hasValue(DocumentFormat.WEBP);
        assertThat(DocumentFormat.WEBP.mediaType()).isEqualTo("image/webp");
    }

    @Test
    void anythingElseIsNotADocument() {
        assertThat(DocumentFormat.detect(new byte[0])).isEmpty();
        assertThat(DocumentFormat.detect("%PD".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentFormat.detect("hello, this is text".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentFormat.detect("<html><body>".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        // RIFF but not WebP (a WAV file)
        assertThat(DocumentFormat.detect(bytes('R', 'I', 'F', 'F', 0x24, 0, 0, 0, 'W', 'A', 'V', 'E'))).isEmpty();
        assertThat(DocumentFormat.detect(bytes('R', 'I', 'F', 'F'))).isEmpty();
        // GIF, ZIP
        assertThat(DocumentFormat.detect("GIF89a".getBytes(StandardCharsets.US_ASCII))).isEmpty();
        assertThat(DocumentFormat.detect(bytes('P', 'K', 3, 4))).isEmpty();
        assertThat(DocumentFormat.detect(bytes(0xFF, 0xD8))).isEmpty();
    }

    @Test
    void originalNamesLoseTheirPathAndControlCharacters() {
        assertThat(PartnerDocumentService.originalName("C:\\Users\\ada\\licence.pdf", DocumentType.DRIVER_LICENCE,
                DocumentFormat.PDF)).isEqualTo("licence.pdf");
        assertThat(PartnerDocumentService.originalName("../../etc/passwd", DocumentType.INSURANCE, DocumentFormat.PNG))
                .isEqualTo("passwd");
        assertThat(PartnerDocumentService.originalName(" a\u0000b\nc\u202e.pdf ", DocumentType.INSURANCE,
                DocumentFormat.PDF)).isEqualTo("abc.pdf");
        assertThat(PartnerDocumentService.originalName(null, DocumentType.OWNERSHIP, DocumentFormat.WEBP))
                .isEqualTo("ownership.webp");
        assertThat(PartnerDocumentService.originalName("dir/", DocumentType.INSURANCE, DocumentFormat.JPEG))
                .isEqualTo("insurance.jpg");
        assertThat(PartnerDocumentService.originalName("x".repeat(300), DocumentType.INSURANCE, DocumentFormat.JPEG))
                .hasSize(255);
    }
}
