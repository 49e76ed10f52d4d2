/** Configuration: properties ({@code smartlink.vehicles.*}), security, OpenAPI, the outbox routing, the clock. */
@ApplicationModule(displayName = "Configuration", allowedDependencies = {})
package com.smartlinkauto.vehicle.config;

import org.springframework.modulith.ApplicationModule;
