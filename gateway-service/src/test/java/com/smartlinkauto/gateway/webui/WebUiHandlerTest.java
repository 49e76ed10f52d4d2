package com.smartlinkauto.gateway.webui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.RequestPath;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The web UI's handler and file table without a server: the fixture build, and a gateway built without the app. */
class WebUiHandlerTest {

    static final WebUiProperties PROPERTIES = new WebUiProperties("classpath:/static/",
            WebUiProperties.CONTENT_SECURITY_POLICY, "same-origin");
    static final PathMatchingResourcePatternResolver RESOLVER = new PathMatchingResourcePatternResolver();

    private static MockServerWebExchange handle(WebUiFiles files, MockServerHttpRequest request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        new WebUiHandler(files, PROPERTIES, new SimpleMeterRegistry()).handle(exchange).block(Duration.ofSeconds(5));
        return exchange;
    }

    @Test
    void theTableHoldsTheBuildsFilesOnlyWithTheirCachePolicy() {
        WebUiFiles files = WebUiFiles.load(RESOLVER, "classpath:/static/");
        assertThat(files.built()).isTrue();
        assertThat(files.size()).as("index.html, two assets, the icon; not the hidden file").isEqualTo(4);
        assertThat(files.find("/.hidden-notes")).isNull();
        assertThat(files.find("/")).isSameAs(files.index());
        assertThat(files.find("/assets/index-Fx7a9c2e.js").cacheControl()).isEqualTo("public, max-age=31536000, immutable");
        assertThat(files.find("/index.html").cacheControl()).isEqualTo("no-cache");
        assertThat(files.find("/favicon.svg").type().toString()).isEqualTo("image/svg+xml;charset=UTF-8");
        assertThat(files.find("/assets")).isNull();
        assertThat(files.find("/assets/")).isNull();
    }

    @Test
    void aGatewayBuiltWithoutTheAppSaysSoWithA503() {
        WebUiFiles none = WebUiFiles.load(RESOLVER, "classpath:/no-web-ui-here/");
        assertThat(none.built()).isFalse();
        for (String path : new String[] { "/", "/trips" }) {
            MockServerWebExchange exchange = handle(none, MockServerHttpRequest.get(path).header(HttpHeaders.ACCEPT,
                    "text/html").build());
            assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(exchange.getResponse().getBodyAsString().block()).contains("web UI is not part of this gateway");
            assertThat(exchange.getResponse().getHeaders().getFirst("Content-Security-Policy")).isNotBlank();
        }
        MockServerWebExchange asset = handle(none, MockServerHttpRequest.get("/assets/x.js").build());
        assertThat(asset.getResponse().getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aBuildWithoutIndexHtmlIsNotBuilt() {
        WebUiFiles assetsOnly = WebUiFiles.load(RESOLVER, "classpath:/static/assets/");
        assertThat(assetsOnly.built()).isFalse();
        assertThat(assetsOnly.size()).isEqualTo(2);
    }

    @Test
    void browsersAreToldApartByAcceptListingHtml() {
        assertThat(accepts("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")).isTrue();
        assertThat(accepts("application/xhtml+xml")).isTrue();
        assertThat(accepts("TEXT/HTML")).isTrue();
        assertThat(accepts("*/*")).isFalse();
        assertThat(accepts("text/*")).isFalse();
        assertThat(accepts("text/html;q=0")).isFalse();
        assertThat(accepts("application/json")).isFalse();
        assertThat(accepts("text/html;q=x")).isFalse();
        assertThat(accepts(null)).isFalse();
    }

    private static boolean accepts(String accept) {
        MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.get("/trips");
        if (accept != null) {
            request.header(HttpHeaders.ACCEPT, accept);
        }
        return WebUiHandler.acceptsHtml(request.build());
    }

    @Test
    void gzipIsTakenOnlyWhenOffered() {
        assertThat(gzip("gzip, deflate, br, zstd")).isTrue();
        assertThat(gzip("br;q=1.0, gzip;q=0.8")).isTrue();
        assertThat(gzip("GZIP")).isTrue();
        assertThat(gzip("*")).isTrue();
        assertThat(gzip("gzip;q=0")).isFalse();
        assertThat(gzip("gzip; q=0.000")).isFalse();
        assertThat(gzip("deflate, br")).isFalse();
        assertThat(gzip("identity")).isFalse();
        assertThat(WebUiHandler.acceptsGzip(new HttpHeaders())).isFalse();
    }

    private static boolean gzip(String acceptEncoding) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT_ENCODING, acceptEncoding);
        return WebUiHandler.acceptsGzip(headers);
    }

    @Test
    void thePlatformsPrefixesAreNotTheApp() {
        for (String path : new String[] { "/api", "/api/x", "/API/x", "/%61pi/x", "/actuator/health", "/payments/sandbox/x",
                "/v3/api-docs", "/v3/api-docs/x", "/.well-known/jwks.json", "/fallback/user-service", "/internal/x",
                "/oauth2/token" }) {
            assertThat(WebUiPaths.isApp(RequestPath.parse(path, null))).as(path).isFalse();
        }
        for (String path : new String[] { "/", "/trips", "/partner/vehicles", "/admin/storage", "/apis", "/v3",
                "/v3/other", "/payment", "/assets/x.js", "/index.html" }) {
            assertThat(WebUiPaths.isApp(RequestPath.parse(path, null))).as(path).isTrue();
        }
    }
}
