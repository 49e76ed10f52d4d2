package com.smartlinkauto.storage.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.smartlinkauto.servicedefaults.problem.ApiException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ByteRangeTest {

    @ParameterizedTest(name = "{0} of 1000 → [{1}, {2}) partial={3} unsatisfiable={4}")
    @CsvSource({
            "'bytes=0-99', 0, 100, true, false",
            "'bytes=100-', 100, 1000, true, false",
            "'bytes=-100', 900, 1000, true, false",
            "'bytes=-5000', 0, 1000, true, false",
            "'bytes=990-5000', 990, 1000, true, false",
            "'bytes=999-999', 999, 1000, true, false",
            "'bytes=1000-', 0, 0, true, true",
            "'bytes=1000-2000', 0, 0, true, true",
            "'bytes=-0', 0, 0, true, true",
            "'bytes=5-1', 0, 1000, false, false",
            "'bytes=0-1,5-6', 0, 1000, false, false",
            "'items=0-1', 0, 1000, false, false",
            "'bytes=-', 0, 1000, false, false",
            "'bytes=99999999999999999999-', 0, 1000, false, false" })
    void resolvesAgainstTheSize(String header, long start, long end, boolean partial, boolean unsatisfiable) {
        assertThat(ByteRange.parse(header, 1000)).isEqualTo(new ByteRange(start, end, partial, unsatisfiable));
    }

    @Test
    void noHeaderIsTheWholeFileAndAnEmptyFileHasNoRanges() {
        assertThat(ByteRange.parse(null, 10)).isEqualTo(new ByteRange(0, 10, false, false));
        assertThat(ByteRange.parse("bytes=0-", 0).unsatisfiable()).isTrue();
        assertThat(ByteRange.parse("bytes=-1", 0).unsatisfiable()).isTrue();
    }

    @Test
    void chunkSizesAreBoundedAndReadable() {
        assertThat(UploadService.chunkSize(null)).isEqualTo(-1);
        assertThat(UploadService.chunkSize("65536")).isEqualTo(65536);
        assertThat(UploadService.chunkSize("64KB")).isEqualTo(65536);
        assertThat(UploadService.chunkSize("4MiB")).isEqualTo(4 << 20);
        assertThat(UploadService.chunkSize("64MB")).isEqualTo(64 << 20);
        for (String bad : new String[] { "65535", "65MB", "1GB", "abc", "-4MB", "4 MB x" }) {
            assertThatThrownBy(() -> UploadService.chunkSize(bad)).as(bad).isInstanceOf(ApiException.class);
        }
    }
}
