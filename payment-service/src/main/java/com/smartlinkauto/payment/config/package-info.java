/**
 * Configuration: properties ({@code payments.*}), security, OpenAPI, the outbox routing to {@code payment.events} and
 * the clock. Depends on no feature module.
 */
@ApplicationModule(displayName = "Configuration", allowedDependencies = {})
package com.smartlinkauto.payment.config;

import org.springframework.modulith.ApplicationModule;
