package com.smartlinkauto.booking.bookings;

/**
 * {@code HELD → CONFIRMED | CANCELLED | EXPIRED}, {@code CONFIRMED → CANCELLED | COMPLETED}; a late confirmation
 * may bring an {@code EXPIRED} or {@code CANCELLED} (never confirmed) booking back to {@code CONFIRMED} while its
 * slot is free. HELD and CONFIRMED block the vehicle.
 */
public enum BookingStatus {
    HELD, CONFIRMED, CANCELLED, EXPIRED, COMPLETED;

    public boolean blocksVehicle() {
        return this == HELD || this == CONFIRMED;
    }
}
