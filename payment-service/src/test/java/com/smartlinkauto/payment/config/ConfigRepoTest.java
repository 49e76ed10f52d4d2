package com.smartlinkauto.payment.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * {@code config-repo/payment-service.yml} binds to {@link PaymentProperties} without a key the service does not know
 * (a misspelt key would be ignored silently at run time), says what the code's defaults say, and holds no secret.
 */
class ConfigRepoTest {

    @Test
    void theConfigRepoFileBindsEveryKeyAndMatchesTheDefaults() throws Exception {
        Path file = Path.of("..", "config-repo", "payment-service.yml");
        assertThat(Files.isRegularFile(file)).as(file.toAbsolutePath().toString()).isTrue();
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("payment-service.yml", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addFirst);
        Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment));
        BindResult<PaymentProperties> bound = binder.bind("payments", Bindable.of(PaymentProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        PaymentProperties fromFile = bound.get();
        PaymentProperties defaults = new Binder().bindOrCreate("payments", PaymentProperties.class);

        assertThat(fromFile).isEqualTo(defaults);
        assertThat(fromFile.activeProvider()).isEqualTo(PaymentProperties.SANDBOX);
        assertThat(fromFile.sessionLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(fromFile.webhookTolerance()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fromFile.sandbox().initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        // the renter comes back to the web UI's trip page (web-ui: /trips/:id?checkout=success|cancelled)
        assertThat(fromFile.successUrl()).isEqualTo("http://127.0.0.1:8080/trips/{bookingId}?checkout=success");
        assertThat(fromFile.cancelUrl()).isEqualTo("http://127.0.0.1:8080/trips/{bookingId}?checkout=cancelled");
        assertThat(Files.readString(file)).doesNotContain("secret-key:", "webhook-secret:", "sk_live", "whsec_");
    }
}
