package com.smartlinkauto.gateway.webui;

import java.net.URI;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebHandler;

import com.smartlinkauto.gateway.web.Problems;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;

import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

/**
 * Answers the app's paths ({@link WebUiPaths}) from the build in memory ({@link WebUiFiles}):
 * <ul>
 * <li>a file of the build: itself, gzip-encoded when the client takes it, 304 when its ETag matches;</li>
 * <li>a deep link ({@code /trips}, {@code /partner/vehicles/…}) from a browser, i.e. a request that lists
 * {@code text/html} in its {@code Accept}: {@code index.html}, whose router then shows the page. Scripts, styles,
 * images and API clients ({@code *}{@code /*}) asking for a path that is no file get a 404 problem instead of a
 * page, and so does anything under {@code /assets/} (a stale hashed name must fail visibly, not load HTML as
 * JavaScript);</li>
 * <li>any other method than GET, HEAD or OPTIONS: 405 problem+json with {@code Allow} on a file or a browser's
 * deep link; on a path that names nothing of the app (an API client's write to {@code /error}, a typo), the
 * 404 problem a GET gets;</li>
 * <li>a gateway built without the app: 503 problem+json saying so.</li>
 * </ul>
 * Every answer carries the app's Content-Security-Policy and the other browser hardening headers. Nothing here
 * touches Redis, a route or a token: static files are neither rate limited nor authenticated.
 */
final class WebUiHandler implements WebHandler {

    static final String ALLOWED = "GET, HEAD, OPTIONS";

    private final WebUiFiles files;
    private final WebUiProperties properties;
    private final MeterRegistry meters;

    WebUiHandler(WebUiFiles files, WebUiProperties properties, MeterRegistry meters) {
        this.files = files;
        this.properties = properties;
        this.meters = meters;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        ServerHttpResponse response = exchange.getResponse();
        hardening(response.getHeaders());
        HttpMethod method = request.getMethod();
        if (HttpMethod.OPTIONS.equals(method)) {
            response.getHeaders().set(HttpHeaders.ALLOW, ALLOWED);
            response.setStatusCode(HttpStatus.NO_CONTENT);
            return response.setComplete();
        }
        String path = request.getPath().pathWithinApplication().value();
        WebUiFiles.File file = files.find(path);
        boolean page = file == null && !path.startsWith(WebUiFiles.ASSETS) && acceptsHtml(request);
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            if (file == null && !page) {
                // nothing of the app lives here (an API client's stray write, /error, …): the same 404 a GET gets
                return notFound(exchange);
            }
            response.getHeaders().set(HttpHeaders.ALLOW, ALLOWED);
            return problem(exchange, HttpStatus.METHOD_NOT_ALLOWED, ProblemTypes.METHOD_NOT_ALLOWED,
                    "The web UI's pages are only read (GET, HEAD).");
        }
        if (file != null) {
            return serve(exchange, file, file.path().equals(WebUiFiles.INDEX) ? "index" : "file");
        }
        if (!page) {
            return notFound(exchange);
        }
        if (!files.built()) {
            return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.SERVICE_UNAVAILABLE,
                    "The web UI is not part of this gateway build: build web-ui/ (npm run build), then the gateway "
                            + "(./smartlink up does both).");
        }
        return serve(exchange, files.index(), "deep-link");
    }

    private Mono<Void> serve(ServerWebExchange exchange, WebUiFiles.File file, String kind) {
        ServerHttpResponse response = exchange.getResponse();
        HttpHeaders headers = response.getHeaders();
        headers.setCacheControl(file.cacheControl());
        boolean gzip = file.gzip() != null && acceptsGzip(exchange.getRequest().getHeaders());
        if (file.gzip() != null) {
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
        }
        if (kind.equals("deep-link")) {
            // the same URL is a 404 problem for a client that does not ask for HTML
            headers.add(HttpHeaders.VARY, HttpHeaders.ACCEPT);
        }
        if (exchange.checkNotModified(gzip ? file.gzipEtag() : file.etag())) {
            count(kind, "304");
            return response.setComplete();
        }
        count(kind, "200");
        byte[] body = gzip ? file.gzip() : file.bytes();
        headers.setContentType(file.type());
        if (gzip) {
            headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
        }
        headers.setContentLength(body.length);
        return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
    }

    private Mono<Void> notFound(ServerWebExchange exchange) {
        return problem(exchange, HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "No route or resource matches this path.");
    }

    private Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, URI type, String detail) {
        count("problem", Integer.toString(status.value()));
        exchange.getResponse().getHeaders().setCacheControl(CacheControl.noStore());
        return Problems.write(exchange, exchange.getResponse(), status, type, detail);
    }

    private void count(String kind, String status) {
        meters.counter("smartlink.gateway.web.ui.requests", "kind", kind, "status", status).increment();
    }

    private void hardening(HttpHeaders headers) {
        headers.set("Content-Security-Policy", properties.contentSecurityPolicy());
        headers.set("X-Content-Type-Options", "nosniff");
        headers.set("Referrer-Policy", properties.referrerPolicy());
        headers.set("X-Frame-Options", "DENY");
        headers.set("Cross-Origin-Opener-Policy", "same-origin");
        headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    }

    /** The request names {@code text/html} (or XHTML) itself, with a non-zero quality: a browser's navigation. */
    static boolean acceptsHtml(ServerHttpRequest request) {
        List<MediaType> accepted;
        try {
            accepted = request.getHeaders().getAccept();
        }
        catch (InvalidMediaTypeException ex) {
            return false;
        }
        return accepted.stream().anyMatch(type -> type.getQualityValue() > 0
                && (MediaType.TEXT_HTML.equalsTypeAndSubtype(type)
                        || MediaType.APPLICATION_XHTML_XML.equalsTypeAndSubtype(type)));
    }

    /** {@code Accept-Encoding} lists gzip (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(HttpHeaders headers) {
        for (String value : headers.getValuesAsList(HttpHeaders.ACCEPT_ENCODING)) {
            String[] parts = value.split(";");
            String coding = parts[0].trim();
            if (!coding.equalsIgnoreCase("gzip") && !coding.equals("*")) {
                continue;
            }
            boolean refused = false;
            for (int i = 1; i < parts.length; i++) {
                String parameter = parts[i].trim().replace(" ", "");
                if (parameter.matches("(?i)q=0(\\.0{0,3})?")) {
                    refused = true;
                }
            }
            if (!refused) {
                return true;
            }
        }
        return false;
    }
}
