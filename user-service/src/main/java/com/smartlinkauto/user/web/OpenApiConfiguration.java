package com.smartlinkauto.user.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI userServiceOpenApi() {
        return new OpenAPI()
                .info(new Info().title("SmartLink Auto user-service")
                        .description("Accounts, login and tokens, partner verification, audit, notifications")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT"))
                        .addSecuritySchemes("serviceClient", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("basic").description("A service's client id and secret (POST /oauth2/token)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
