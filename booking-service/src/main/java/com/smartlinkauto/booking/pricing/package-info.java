/**
 * Prices: a vehicle's current price per day times the days charged (every started 24 h), the platform's service
 * fee, the total, in the vehicle's currency, all computed in minor units server-side
 * ({@link com.smartlinkauto.booking.pricing.Pricing}); and the public quote endpoint.
 */
@ApplicationModule(displayName = "Pricing", allowedDependencies = { "vehicle", "bookings", "shared", "config" })
package com.smartlinkauto.booking.pricing;

import org.springframework.modulith.ApplicationModule;
