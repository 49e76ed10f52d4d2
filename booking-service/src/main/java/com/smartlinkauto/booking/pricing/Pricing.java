package com.smartlinkauto.booking.pricing;

import java.math.BigDecimal;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import com.smartlinkauto.booking.bookings.Stay;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.shared.Money;
import com.smartlinkauto.booking.vehicle.VehicleSnapshot;

/** Prices a stay from the vehicle's current price per day; the fee is {@code smartlink.bookings.service-fee-percent}. */
@Component
public class Pricing {

    private final BigDecimal feePercent;

    @Autowired
    Pricing(BookingProperties properties) {
        this(properties.serviceFeePercent());
    }

    Pricing(BigDecimal feePercent) {
        this.feePercent = feePercent;
    }

    public Quote quote(VehicleSnapshot vehicle, Stay stay) {
        String currency = vehicle.currency();
        long perDay = Money.toMinor(vehicle.pricePerDay(), currency);
        int days = stay.days();
        long subtotal = Math.multiplyExact(perDay, (long) days);
        long fee = Money.percentOf(subtotal, feePercent);
        return new Quote(vehicle.id(), stay.pickupAt(), stay.returnAt(), days, perDay, subtotal, fee,
                Math.addExact(subtotal, fee), currency);
    }
}
