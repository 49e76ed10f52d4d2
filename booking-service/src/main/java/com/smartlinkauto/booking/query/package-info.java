/**
 * Reading bookings: one booking (its renter, the vehicle's partner, an admin; 404 for anyone else), a renter's own,
 * a partner's vehicles', and all of them for admins, paged and filtered; a renter's list is split into upcoming and
 * past and carries their totals paid and refunded (the dashboards module).
 */
@ApplicationModule(displayName = "Queries", allowedDependencies = { "bookings", "dashboard", "shared", "config" })
package com.smartlinkauto.booking.query;

import org.springframework.modulith.ApplicationModule;
