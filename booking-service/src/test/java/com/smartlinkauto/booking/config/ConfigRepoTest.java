package com.smartlinkauto.booking.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
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
 * {@code config-repo/booking-service.yml} binds to {@link BookingProperties} without a key the service does not know
 * (a misspelt key would be ignored silently at run time), and says what the code's defaults say.
 */
class ConfigRepoTest {

    @Test
    void theConfigRepoFileBindsEveryKeyAndMatchesTheDefaults() throws Exception {
        Path file = Path.of("..", "config-repo", "booking-service.yml");
        assertThat(Files.isRegularFile(file)).as(file.toAbsolutePath().toString()).isTrue();
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("booking-service.yml", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addFirst);
        Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment));
        BindResult<BookingProperties> bound = binder.bind("smartlink.bookings", Bindable.of(BookingProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        BookingProperties fromFile = bound.get();
        BookingProperties defaults = new Binder().bindOrCreate("smartlink.bookings", BookingProperties.class);

        assertThat(fromFile).isEqualTo(defaults);
        assertThat(fromFile.holdDuration()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fromFile.cancellation().fullRefundBefore()).isEqualTo(Duration.ofHours(24));
        assertThat(fromFile.cancellation().lateRefundPercent()).isEqualByComparingTo(new BigDecimal("50"));
        assertThat(fromFile.sweeper().interval()).isLessThanOrEqualTo(Duration.ofSeconds(15));
        assertThat(fromFile.earnings().commissionPercent()).isEqualByComparingTo(new BigDecimal("15"));
        assertThat(fromFile.cache().earningsTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fromFile.cache().renterHistoryTtl()).isEqualTo(Duration.ofMinutes(5));
        assertThat(fromFile.cache().revenueTtl()).isEqualTo(Duration.ofMinutes(10));
        assertThat(fromFile.cache().overviewTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fromFile.cache().fleetTtl()).isEqualTo(Duration.ofMinutes(1));
    }
}
