/**
 * The Redis cache of search pages and public vehicle views: versioned namespaces, invalidated in one place
 * ({@link com.smartlinkauto.vehicle.cache.CacheInvalidation}) after the commit of every
 * {@link com.smartlinkauto.vehicle.catalog.VehiclesChanged}, and again from {@code vehicle.events}.
 */
@ApplicationModule(displayName = "Cache")
package com.smartlinkauto.vehicle.cache;

import org.springframework.modulith.ApplicationModule;
