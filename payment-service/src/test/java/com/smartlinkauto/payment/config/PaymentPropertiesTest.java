package com.smartlinkauto.payment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

/** The checkout's return URLs: derived from the public base URL unless configured, and always absolute. */
class PaymentPropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static PaymentProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("payments",
                PaymentProperties.class);
    }

    @Test
    void theReturnUrlsFollowThePublicBaseUrlToTheTripPage() {
        PaymentProperties properties = bind(Map.of("payments.public-base-url", "https://smartlink.example.cm/"));
        assertThat(VALIDATOR.validate(properties)).isEmpty();
        assertThat(PaymentProperties.forBooking(properties.successUrl(), "b-1"))
                .isEqualTo("https://smartlink.example.cm/trips/b-1?checkout=success");
        assertThat(PaymentProperties.forBooking(properties.cancelUrl(), "b-1"))
                .isEqualTo("https://smartlink.example.cm/trips/b-1?checkout=cancelled");
        PaymentProperties defaults = bind(Map.of());
        assertThat(defaults.successUrl()).isEqualTo("http://127.0.0.1:8080/trips/{bookingId}?checkout=success");
        assertThat(defaults.cancelUrl()).isEqualTo("http://127.0.0.1:8080/trips/{bookingId}?checkout=cancelled");
    }

    @Test
    void configuredUrlsWinAndMustBeAbsoluteWithTheBooking() {
        PaymentProperties own = bind(Map.of("payments.success-url", " https://pay.example.cm/done/{bookingId} ",
                "payments.cancel-url", "https://pay.example.cm/back/{bookingId}"));
        assertThat(VALIDATOR.validate(own)).isEmpty();
        assertThat(own.successUrl()).isEqualTo("https://pay.example.cm/done/{bookingId}");
        for (Map<String, String> bad : List.of(Map.of("payments.success-url", "/trips/{bookingId}"),
                Map.of("payments.cancel-url", "https://pay.example.cm/back"),
                Map.of("payments.success-url", "ftp://pay.example.cm/{bookingId}"),
                Map.of("payments.cancel-url", "https://pay example/{bookingId}"),
                Map.of("payments.public-base-url", "file:///srv/www"),
                Map.of("payments.public-base-url", "//127.0.0.1:8080"))) {
            assertThat(VALIDATOR.validate(bind(bad))).as(bad.toString()).isNotEmpty();
        }
    }
}
