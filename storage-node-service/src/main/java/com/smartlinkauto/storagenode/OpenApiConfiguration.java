package com.smartlinkauto.storagenode;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/** OpenAPI description at {@code /v3/api-docs} (UI at {@code /swagger-ui.html}). */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI storageNodeOpenApi() {
        return new OpenAPI().info(new Info().title("SmartLink Auto storage-node-service")
                .description("Chunk server of the storage network: content-addressed chunks (id = SHA-256), write "
                        + "pipelines, node-to-node pushes, node info. Internal: not routed by the gateway.")
                .version("v1"));
    }
}
