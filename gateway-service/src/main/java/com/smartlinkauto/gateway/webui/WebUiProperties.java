package com.smartlinkauto.gateway.webui;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/**
 * The web UI the gateway serves at {@code /}.
 *
 * @param location              where the built app is ({@code web-ui/dist}, copied into the jar's {@code static/}
 *                              by the Maven build); tests point it at a fixture
 * @param contentSecurityPolicy the {@code Content-Security-Policy} of every answer of the app's paths. Everything
 *                              from this origin only: the app is one bundle (no CDN), calls only its own origin's
 *                              API, and leaves for the payment provider's checkout by a full-page redirect (not a
 *                              frame, not a form post), which no directive governs. {@code data:} and
 *                              {@code blob:} images are the previews of photos being uploaded and the photos of
 *                              vehicles under review, fetched with the bearer token; {@code frame-src blob:} is the
 *                              one frame the app shows: a partner's PDF document, fetched the same way, in the
 *                              browser's own viewer ({@code 'self'} does not cover {@code blob:} URLs).
 * @param referrerPolicy        the {@code Referrer-Policy}: the app's URLs (a vehicle's or booking's id) are not
 *                              sent to other sites
 */
@Validated
@ConfigurationProperties("smartlink.gateway.web-ui")
public record WebUiProperties(
        @DefaultValue("classpath:/static/") @NotBlank String location,
        @DefaultValue(WebUiProperties.CONTENT_SECURITY_POLICY) @NotBlank String contentSecurityPolicy,
        @DefaultValue("same-origin") @NotBlank String referrerPolicy) {

    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; frame-src blob:; object-src 'none'; "
            + "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
}
