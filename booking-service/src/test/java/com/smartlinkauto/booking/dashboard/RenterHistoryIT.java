package com.smartlinkauto.booking.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.smartlinkauto.booking.BookingTestSupport;

import tools.jackson.databind.JsonNode;

/**
 * {@code GET /api/bookings/me}: {@code when=upcoming} (returned after now, a rental under way included) and
 * {@code when=past} (returned by now) split the renter's bookings, paged as before, and every answer carries the
 * renter's totals paid and refunded per currency from the ledger (theirs only).
 */
class RenterHistoryIT extends BookingTestSupport {

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    @Test
    void upcomingAndPastSplitTheRentersBookingsAndTheTotalsAreTheirLedgers() {
        Party renter = renter();
        Seed seed = new Seed(jdbc);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        UUID upcoming = held(renter, vehicles.bookable().id(), minuteIn(Duration.ofDays(20)),
                minuteIn(Duration.ofDays(22)));
        Seed.Booking past = seed.booking(UUID.randomUUID(), renter.id(), UUID.randomUUID(), "COMPLETED",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(28)), "EUR", 4_990, "Berlin");
        Seed.Booking underWay = seed.booking(UUID.randomUUID(), renter.id(), UUID.randomUUID(), "CONFIRMED",
                now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(1)), "XAF", 20_000, "Douala");
        Seed.Entry paidPast = seed.payment(past, past.totalMinor(), now.minus(Duration.ofDays(31)));
        seed.refund(paidPast, 2_500, now.minus(Duration.ofDays(29)));
        seed.payment(underWay, underWay.totalMinor(), now.minus(Duration.ofDays(2)));
        // someone else's money is not theirs
        Seed.Booking other = seed.booking(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), "COMPLETED",
                now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(29)), "EUR", 7_000, null);
        seed.payment(other, other.totalMinor(), now.minus(Duration.ofDays(31)));

        JsonNode all = api.get("/api/bookings/me").token(renter.token()).send().expect(200).json();
        assertThat(ids(all)).containsExactlyInAnyOrder(upcoming.toString(), past.id().toString(),
                underWay.id().toString());
        assertThat(all.path("totalElements").asLong()).isEqualTo(3);
        assertThat(all.path("page").asInt()).isZero();
        assertThat(all.path("size").asInt()).isEqualTo(20);
        assertThat(all.path("totalPages").asLong()).isEqualTo(1);
        JsonNode upcomingPage = api.get("/api/bookings/me?when=upcoming").token(renter.token()).send().expect(200)
                .json();
        assertThat(ids(upcomingPage)).containsExactly(upcoming.toString(), underWay.id().toString());
        JsonNode pastPage = api.get("/api/bookings/me?when=past&size=1").token(renter.token()).send().expect(200)
                .json();
        assertThat(ids(pastPage)).containsExactly(past.id().toString());
        assertThat(pastPage.path("totalElements").asLong()).isEqualTo(1);
        assertThat(ids(api.get("/api/bookings/me?when=upcoming&status=HELD").token(renter.token()).send().expect(200)
                .json())).containsExactly(upcoming.toString());

        // totals: per currency, over all their bookings, whatever the page shows
        for (JsonNode page : List.of(all, upcomingPage, pastPage)) {
            JsonNode totals = page.path("totals");
            assertThat(totals.size()).isEqualTo(2);
            assertThat(totals.get(0).path("currency").asString()).isEqualTo("EUR");
            assertThat(totals.get(0).path("paid").decimalValue()).isEqualByComparingTo("99.80");
            assertThat(totals.get(0).path("refunded").decimalValue()).isEqualByComparingTo("25.00");
            assertThat(totals.get(1).path("currency").asString()).isEqualTo("XAF");
            assertThat(totals.get(1).path("paid").decimalValue()).isEqualByComparingTo("40000");
            assertThat(totals.get(1).path("refunded").decimalValue()).isEqualByComparingTo("0");
        }
        api.get("/api/bookings/me?when=later").token(renter.token()).send().refuses("when");
        // a renter without any payment: no totals, not an error
        assertThat(api.get("/api/bookings/me").token(renter().token()).send().expect(200).json().path("totals")
                .isEmpty()).isTrue();
    }
}
