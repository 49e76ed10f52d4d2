/**
 * The dashboards' read-through cache in the state Redis ({@link com.smartlinkauto.booking.cache.DashboardCache}):
 * entries under versioned namespaces (a partner, a renter, the revenue), invalidated by bumping exactly the
 * namespaces a change touches once its transaction has committed
 * ({@link com.smartlinkauto.booking.cache.CacheInvalidation}) — no KEYS/SCAN, no deletions. Redis down is a miss,
 * never an error.
 */
@ApplicationModule(displayName = "Dashboard cache", allowedDependencies = { "shared", "config" })
package com.smartlinkauto.booking.cache;

import org.springframework.modulith.ApplicationModule;
