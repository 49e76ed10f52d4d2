package com.smartlinkauto.gateway.webui;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.http.MediaType;
import org.springframework.http.MediaTypeFactory;

/**
 * The built web UI, read once at start-up into memory: every file under the location, by the path a browser asks
 * for ({@code /assets/index-3f9a.js}), with its media type, a strong ETag, a gzip copy when that is smaller, and
 * its cache policy. A request is answered by an exact lookup in this table, never by resolving its path against
 * a directory or the classpath: no path can reach anything but these files (not {@code application.yml}, not a
 * class). The whole build is a few hundred kilobytes.
 * <p>
 * Cache policy: Vite names everything under {@code assets/} after its content hash, so those files never change
 * under their name ({@code immutable}, a year); {@code index.html} and the other unhashed files are revalidated on
 * every use ({@code no-cache}, answered 304 by their ETag), so a new build reaches everyone at their next visit.
 */
public final class WebUiFiles {

    private static final Logger log = LoggerFactory.getLogger(WebUiFiles.class);

    static final String INDEX = "/index.html";
    static final String ASSETS = "/assets/";
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    /** Names a browser can ask for without escaping; anything else in the build is left out (and logged). */
    private static final Pattern SAFE_PATH = Pattern.compile("(/[A-Za-z0-9_~@+-][A-Za-z0-9._~@+-]*)+");

    private static final Map<String, MediaType> EXTRA_TYPES = Map.of(
            "webmanifest", MediaType.parseMediaType("application/manifest+json"),
            "mjs", MediaType.parseMediaType("text/javascript"),
            "map", MediaType.APPLICATION_JSON,
            "woff2", MediaType.parseMediaType("font/woff2"),
            "woff", MediaType.parseMediaType("font/woff"));

    /**
     * One file of the build.
     *
     * @param gzip     the gzip-encoded bytes, or null when compressing does not pay (images, fonts, tiny files)
     * @param etag     a strong ETag of the bytes; the gzip copy's is {@link #gzipEtag()}
     */
    public record File(String path, byte[] bytes, byte[] gzip, MediaType type, String etag, String cacheControl) {

        String gzipEtag() {
            return etag.substring(0, etag.length() - 1) + "-gz\"";
        }
    }

    private final Map<String, File> files;

    private WebUiFiles(Map<String, File> files) {
        this.files = Map.copyOf(files);
    }

    /** Reads every file under {@code location} (e.g. {@code classpath:/static/}); none when it does not exist. */
    public static WebUiFiles load(ResourcePatternResolver resolver, String location) {
        String base = location.endsWith("/") ? location : location + "/";
        Map<String, File> files = new LinkedHashMap<>();
        long bytes = 0;
        try {
            Resource root = resolver.getResource(base);
            if (!root.exists()) {
                log.info("No web UI at {}: / answers 503 (build web-ui/ with npm run build, then the gateway)", base);
                return new WebUiFiles(files);
            }
            String rootUri = root.getURI().toString();
            if (!rootUri.endsWith("/")) {
                rootUri += "/";
            }
            for (Resource resource : resolver.getResources(base + "**")) {
                String uri = resource.getURI().toString();
                if (!uri.startsWith(rootUri) || uri.endsWith("/") || !resource.isReadable()) {
                    continue; // a directory, or the same folder name in another classpath root
                }
                String path = "/" + uri.substring(rootUri.length());
                if (!SAFE_PATH.matcher(path).matches()) {
                    log.warn("Not serving {} from the web UI build: not a plain file name (or a hidden file)", path);
                    continue;
                }
                File file = file(path, resource.getContentAsByteArray());
                files.put(path, file);
                bytes += file.bytes().length;
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read the web UI at " + base, ex);
        }
        if (!files.containsKey(INDEX)) {
            log.warn("The web UI at {} has no index.html: / answers 503", base);
        }
        else {
            log.info("Serving the web UI from {}: {} files, {} KiB", base, files.size(), bytes / 1024);
        }
        return new WebUiFiles(files);
    }

    static File file(String path, byte[] bytes) {
        String name = path.substring(path.lastIndexOf('/') + 1);
        String extension = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT) : "";
        MediaType type = EXTRA_TYPES.getOrDefault(extension,
                MediaTypeFactory.getMediaType(name).orElse(MediaType.APPLICATION_OCTET_STREAM));
        boolean text = isText(type);
        if (text && type.getCharset() == null) {
            type = new MediaType(type, StandardCharsets.UTF_8);
        }
        byte[] gzip = text ? gzip(bytes) : null;
        if (gzip != null && gzip.length >= bytes.length) {
            gzip = null;
        }
        String cache = path.startsWith(ASSETS) ? IMMUTABLE : REVALIDATE;
        return new File(path, bytes, gzip, type, etag(bytes), cache);
    }

    /** Text formats (HTML, CSS, JavaScript, JSON, SVG, XML): compressed, and sent with their charset. */
    static boolean isText(MediaType type) {
        String subtype = type.getSubtype();
        return type.getType().equals("text") || subtype.equals("javascript") || subtype.equals("json")
                || subtype.endsWith("+json") || subtype.endsWith("+xml") || subtype.equals("xml");
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 3 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22) + "\"";
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** The file a path names exactly ({@code /} is {@code index.html}), or null. */
    public File find(String path) {
        return files.get(path.equals("/") ? INDEX : path);
    }

    /** The app's page, or null when the UI was not built into this gateway. */
    public File index() {
        return files.get(INDEX);
    }

    public boolean built() {
        return files.containsKey(INDEX);
    }

    public int size() {
        return files.size();
    }
}
