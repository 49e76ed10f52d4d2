/**
 * A partner's fleet status ({@code GET /api/partners/{partnerId|me}/fleet}): per vehicle the rental under way, the
 * next confirmed booking and the holds waiting for payment, and the counts over the whole fleet. The vehicles come
 * from vehicle-service (this service knows only vehicles that have bookings), the rest from a few bounded SQL
 * queries over the partner's HELD and CONFIRMED bookings; read through the dashboards' cache, made stale by any
 * change of one of the partner's bookings and, for what changes by the clock alone (a rental starting), kept no
 * longer than until then.
 */
@ApplicationModule(displayName = "Fleet status", allowedDependencies = { "cache", "vehicle", "shared", "config" })
package com.smartlinkauto.booking.fleet;

import org.springframework.modulith.ApplicationModule;
