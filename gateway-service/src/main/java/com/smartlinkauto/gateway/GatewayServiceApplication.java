package com.smartlinkauto.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The only public entry of SmartLink Auto: routes {@code /api/**} to services found in Eureka, stamps
 * every exchange with a correlation id, limits request rates per client in Redis, answers CORS, and
 * turns every failure (no instance, open circuit, rate limit, unknown path) into problem+json.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(GatewayServiceApplication.class, args);
    }
}
