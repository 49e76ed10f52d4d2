package com.smartlinkauto.storagenode.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.smartlinkauto.servicedefaults.problem.ApiException;

class NodeUrlsTest {

    static final URI SELF = URI.create("http://10.0.0.1:9101");

    @Test
    void baseUrlsAreNormalised() {
        assertThat(NodeUrls.parse(" HTTP://Node-2.Example:9102/ ", "target")).isEqualTo(URI.create("http://node-2.example:9102"));
        assertThat(NodeUrls.parse("https://n3", "target")).isEqualTo(URI.create("https://n3"));
        assertThat(NodeUrls.parse("http://[::1]:9101", "target")).isEqualTo(URI.create("http://[::1]:9101"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "n2:9101", "ftp://n2:21", "http://user:pw@n2:9101", "http://n2:9101/chunks",
            "http://n2:9101?x=1", "http://n2:9101#f", "http://", "http://n2:9101 ,", "not a url" })
    void anythingButABaseUrlIsRefused(String value) {
        assertThatThrownBy(() -> NodeUrls.parse(value, "target")).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.type()).isEqualTo(NodeUrls.INVALID_NODE_URL));
    }

    @Test
    void targetsKeepTheirOrder() {
        assertThat(NodeUrls.targets("http://10.0.0.2:9101, http://10.0.0.3:9101", SELF, 8))
                .containsExactly(URI.create("http://10.0.0.2:9101"), URI.create("http://10.0.0.3:9101"));
        assertThat(NodeUrls.targets(null, SELF, 8)).isEmpty();
        assertThat(NodeUrls.targets(" ", SELF, 8)).isEmpty();
    }

    @Test
    void duplicatesThisNodeAndTooManyTargetsAreRefused() {
        assertRefused("http://10.0.0.2:9101,http://10.0.0.2:9101/", 8);
        assertRefused("http://10.0.0.2:9101,http://10.0.0.1:9101", 8);
        assertRefused("http://10.0.0.2:9101,http://10.0.0.3:9101,http://10.0.0.4:9101", 2);
        assertThatThrownBy(() -> NodeUrls.targets("http://10.0.0.2:9101,,http://10.0.0.3:9101", SELF, 8))
                .isInstanceOfSatisfying(ApiException.class, ex -> assertThat(ex.type()).isEqualTo(NodeUrls.INVALID_NODE_URL));
    }

    private static void assertRefused(String header, int max) {
        assertThatThrownBy(() -> NodeUrls.targets(header, SELF, max)).isInstanceOfSatisfying(ApiException.class,
                ex -> assertThat(ex.type()).isEqualTo(NodeUrls.INVALID_TARGETS));
    }
}
