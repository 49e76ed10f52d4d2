package com.smartlinkauto.vehicle;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;

/**
 * The vehicle catalogue: listing, verification, availability, photos and cached public search. Each package under
 * this one is a Spring Modulith application module ({@code package-info.java} says what it owns); the modules'
 * dependencies have no cycles, and {@code ModulesTest} fails the build when that changes.
 */
@SpringBootApplication
@Modulithic(systemName = "vehicle-service", sharedModules = "shared")
@ConfigurationPropertiesScan
public class VehicleServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VehicleServiceApplication.class, args);
    }
}
