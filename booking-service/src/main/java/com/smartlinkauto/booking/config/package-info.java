/**
 * Configuration: properties ({@code smartlink.bookings.*}), security, OpenAPI, the outbox routing to
 * {@code booking.events}, the Redis client and the clock. Depends on no feature module.
 */
@ApplicationModule(displayName = "Configuration", allowedDependencies = {})
package com.smartlinkauto.booking.config;

import org.springframework.modulith.ApplicationModule;
