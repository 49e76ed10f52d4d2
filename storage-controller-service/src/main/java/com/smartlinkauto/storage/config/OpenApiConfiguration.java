package com.smartlinkauto.storage.config;

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
    OpenAPI storageControllerOpenApi() {
        return new OpenAPI()
                .info(new Info().title("SmartLink Auto storage-controller-service")
                        .description("Controller of the storage network: files split into content-addressed chunks, "
                                + "replicas placed on storage nodes across zones, streaming download with failover, "
                                + "re-replication of lost replicas, topology links and node-to-node transfers. "
                                + "/api/storage/** needs the ADMIN role; /internal/storage/** (node reports, the "
                                + "service-to-service file API) needs a service token for storage-controller-service "
                                + "(serviceToken), node reports the storage nodes' own.")
                        .version("v1"))
                .components(new Components().addSecuritySchemes("bearer",
                        new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
