package com.smartlinkauto.user.overview;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

import com.smartlinkauto.user.servicetoken.ServiceClientProperties;

/**
 * {@code config-repo/user-service.yml}'s overview block binds to {@link OverviewProperties} without a key the
 * service does not know and says what the code's defaults say; its grants let user-service ask for tokens to the
 * three services the overview reads, and equal the code's defaults.
 */
class OverviewConfigRepoTest {

    private static Binder configRepo() throws Exception {
        Path file = Path.of("..", "config-repo", "user-service.yml");
        assertThat(Files.isRegularFile(file)).as(file.toAbsolutePath().toString()).isTrue();
        StandardEnvironment environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("user-service.yml", new FileSystemResource(file))
                .forEach(environment.getPropertySources()::addLast);
        return new Binder(ConfigurationPropertySources.get(environment),
                new PropertySourcesPlaceholdersResolver(environment));
    }

    @Test
    void theOverviewBlockBindsEveryKeyAndMatchesTheDefaults() throws Exception {
        OverviewProperties fromFile = configRepo().bind("smartlink.users.overview",
                Bindable.of(OverviewProperties.class), new NoUnboundElementsBindHandler(BindHandler.DEFAULT)).get();
        OverviewProperties defaults = new Binder().bindOrCreate("smartlink.users.overview", OverviewProperties.class);
        assertThat(fromFile).isEqualTo(defaults);
        assertThat(fromFile.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(fromFile.cacheTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(fromFile.vehiclesUrl()).isEqualTo(URI.create("http://vehicle-service"));
        assertThat(fromFile.bookingsUrl()).isEqualTo(URI.create("http://booking-service"));
        assertThat(fromFile.storageUrl()).isEqualTo(URI.create("http://storage-controller-service"));
    }

    @Test
    void userServiceMayAskForTokensToEveryServiceTheOverviewReads() throws Exception {
        Bindable<Map<String, List<String>>> type = Bindable.of(ResolvableType.forClassWithGenerics(Map.class,
                ResolvableType.forClass(String.class), ResolvableType.forClassWithGenerics(List.class, String.class)));
        Map<String, List<String>> grants = configRepo().bind("smartlink.users.service-clients.grants", type).get();
        assertThat(grants.get("user-service")).containsExactlyInAnyOrder("storage-controller-service",
                "vehicle-service", "booking-service");
        assertThat(grants).isEqualTo(ServiceClientProperties.DEFAULT_GRANTS);
    }
}
