package com.smartlinkauto.vehicle.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindResult;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;

/**
 * {@code config-repo/vehicle-service.yml} binds to {@link VehicleProperties} without a key the service does not know
 * and says what the code's defaults say; the price bound per currency and its checks.
 */
class VehiclePropertiesTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();

    private static VehicleProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate("smartlink.vehicles",
                VehicleProperties.class);
    }

    private static Set<ConstraintViolation<VehicleProperties>> violations(VehicleProperties properties) {
        return VALIDATOR.validate(properties);
    }

    @Test
    void theConfigRepoFileBindsEveryKeyAndMatchesTheDefaults() throws Exception {
        Path file = Path.of("..", "config-repo", "vehicle-service.yml");
        assertThat(Files.isRegularFile(file)).as(file.toAbsolutePath().toString()).isTrue();
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("vehicle-service.yml", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addFirst);
        Binder binder = new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment));
        BindResult<VehicleProperties> bound = binder.bind("smartlink.vehicles", Bindable.of(VehicleProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
        VehicleProperties fromFile = bound.get();
        VehicleProperties defaults = new Binder().bindOrCreate("smartlink.vehicles", VehicleProperties.class);

        assertThat(fromFile).isEqualTo(defaults);
        assertThat(violations(fromFile)).isEmpty();
        assertThat(fromFile.maxPricePerDay("XAF")).isEqualByComparingTo("10000000");
        assertThat(fromFile.maxPricePerDay("EUR")).isEqualByComparingTo("10000");
        assertThat(fromFile.maxPricePerDay("USD")).isEqualByComparingTo("10000");
        assertThat(fromFile.maxPricePerDay("GBP")).as("not listed: the default bound").isEqualByComparingTo("10000");
    }

    @Test
    void configuredBoundsReplaceTheBuiltInOnesAndLowerCaseKeysFromEnvironmentVariablesWork() {
        VehicleProperties properties = bind(Map.of("smartlink.vehicles.max-price-per-day", "500",
                "smartlink.vehicles.max-price-per-day-by-currency.xaf", "2000000",
                "smartlink.vehicles.max-price-per-day-by-currency.NGN", "900000"));
        assertThat(violations(properties)).isEmpty();
        assertThat(properties.maxPricePerDay("XAF")).isEqualByComparingTo("2000000");
        assertThat(properties.maxPricePerDay("ngn")).isEqualByComparingTo("900000");
        assertThat(properties.maxPricePerDay("EUR")).as("only the configured entries").isEqualByComparingTo("500");
    }

    @Test
    void everyBoundIsACurrencyWithAMinorUnitAndASaneNumber() {
        for (Map<String, String> bad : java.util.List.of(
                Map.of("smartlink.vehicles.max-price-per-day-by-currency.EURO", "100"),
                Map.of("smartlink.vehicles.max-price-per-day-by-currency.XXX", "100"),
                Map.of("smartlink.vehicles.max-price-per-day-by-currency.XAF", "0"),
                Map.of("smartlink.vehicles.max-price-per-day-by-currency.XAF", "10000000000"),
                Map.of("smartlink.vehicles.max-price-per-day", "10000000000"),
                Map.of("smartlink.vehicles.max-price-per-day", "0.5"))) {
            assertThat(violations(bind(bad))).as(bad.toString()).isNotEmpty();
        }
        assertThat(violations(bind(Map.of("smartlink.vehicles.max-price-per-day-by-currency.XAF", "9999999999"))))
                .isEmpty();
        assertThat(VehicleProperties.DEFAULT_MAX_PRICE_PER_DAY_BY_CURRENCY.get("XAF"))
                .isEqualByComparingTo(new BigDecimal("10000000"));
    }
}
