package com.smartlinkauto.servicedefaults.servicetoken;

import java.util.List;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.util.AntPathMatcher;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * The OpenAPI side of service credentials: a {@value #SCHEME} security scheme, and every operation under the
 * service-token paths ({@code /internal/**} and the extra paths) requires it instead of a user's bearer token.
 */
@AutoConfiguration
@ConditionalOnClass({ OpenApiCustomizer.class, SecurityScheme.class })
@EnableConfigurationProperties(ServiceTokenProperties.class)
public class ServiceTokenOpenApiAutoConfiguration {

    public static final String SCHEME = "serviceToken";

    @Bean
    OpenApiCustomizer serviceTokenOpenApiCustomizer(ServiceTokenProperties properties) {
        AntPathMatcher matcher = new AntPathMatcher();
        List<String> patterns = properties.paths();
        return openApi -> {
            if (openApi.getComponents() == null) {
                openApi.setComponents(new Components());
            }
            openApi.getComponents().addSecuritySchemes(SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                    .scheme("bearer").bearerFormat("JWT")
                    .description("A service token: OAuth 2.0 client credentials from user-service's POST /oauth2/token, "
                            + "audience = this service, scope internal. Users' tokens (even an admin's) are refused."));
            if (openApi.getPaths() == null) {
                return;
            }
            openApi.getPaths().forEach((path, item) -> {
                if (patterns.stream().anyMatch(pattern -> matcher.match(pattern, path))) {
                    item.readOperations().forEach(operation -> operation.setSecurity(
                            List.of(new SecurityRequirement().addList(SCHEME))));
                }
            });
        };
    }
}
