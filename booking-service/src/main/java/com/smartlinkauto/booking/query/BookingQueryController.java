package com.smartlinkauto.booking.query;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.smartlinkauto.booking.bookings.BookingStatus;
import com.smartlinkauto.booking.bookings.BookingStore;
import com.smartlinkauto.booking.bookings.BookingView;
import com.smartlinkauto.booking.config.BookingProperties;
import com.smartlinkauto.booking.dashboard.Dashboards;
import com.smartlinkauto.booking.dashboard.RenterTotals;
import com.smartlinkauto.booking.shared.BookingProblems;
import com.smartlinkauto.booking.shared.Caller;
import com.smartlinkauto.servicedefaults.validation.InvalidInputException;
import com.smartlinkauto.booking.shared.PageView;
import com.smartlinkauto.servicedefaults.problem.ApiException;
import com.smartlinkauto.servicedefaults.problem.ProblemTypes;
import com.smartlinkauto.servicedefaults.validation.SaneInstant;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Lists are newest pickup first; {@code from}/{@code to} select the bookings whose rental overlaps {@code [from, to)}. */
@RestController
@Validated
@Tag(name = "bookings")
class BookingQueryController {

    private final BookingStore store;
    private final BookingProperties properties;
    private final Dashboards dashboards;
    private final Clock clock;
    private final TransactionTemplate readOnly;

    BookingQueryController(BookingStore store, BookingProperties properties, Dashboards dashboards, Clock clock,
            PlatformTransactionManager transactions) {
        this.store = store;
        this.properties = properties;
        this.dashboards = dashboards;
        this.clock = clock;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A renter's page of bookings, and what they paid and got back over all their bookings per currency (from the
     * payment ledger: only money a provider captured or refunded; cached for 5 minutes, made stale by their next
     * payment or refund).
     */
    record RenterHistoryView(List<BookingView> items, int page, int size, long totalElements, long totalPages,
            List<RenterTotals.CurrencyTotals> totals) {
    }

    @GetMapping("/api/bookings/{id}")
    @Operation(summary = "A booking (its renter, the vehicle's partner or an admin; anyone else 404)")
    BookingView get(@PathVariable UUID id, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        return store.find(id).filter(b -> b.visibleTo(caller)).map(BookingView::of)
                .orElseThrow(() -> BookingProblems.bookingNotFound(id));
    }

    @GetMapping("/api/bookings/me")
    @Operation(summary = "The caller's own bookings as a renter, upcoming or past, with their totals paid and refunded "
            + "(RENTER)",
            description = "when=upcoming: return after now (also a rental under way); when=past: returned by now; "
                    + "absent: all. totals: per currency, what the renter paid and got back over all their bookings "
                    + "(the payment ledger), whatever the page or filter.")
    RenterHistoryView mine(@RequestParam(required = false) BookingStatus status,
            @Parameter(description = "upcoming or past; absent: all") @RequestParam(required = false) String when,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, @AuthenticationPrincipal Jwt jwt) {
        UUID renter = Caller.of(jwt).id();
        Instant now = clock.instant();
        BookingStore.Filter filter = switch (when == null ? "" : when.toLowerCase(Locale.ROOT)) {
            case "" -> new BookingStore.Filter(renter, null, null, status, null, null);
            case "upcoming" -> new BookingStore.Filter(renter, null, null, status, null, null, now, null);
            case "past" -> new BookingStore.Filter(renter, null, null, status, null, null, null, now);
            default -> throw new InvalidInputException("when", "must be upcoming or past");
        };
        // the totals first, outside the page's transaction: no database connection waits on the cache
        List<RenterTotals.CurrencyTotals> totals = dashboards.renterTotals(renter).currencies();
        PageView<BookingView> bookings = readOnly.execute(tx -> page(filter, page, size));
        return new RenterHistoryView(bookings.items(), bookings.page(), bookings.size(), bookings.totalElements(),
                bookings.totalPages(), totals);
    }

    @GetMapping("/api/partners/{partnerId}/bookings")
    @Operation(summary = "The bookings of a partner's vehicles (the partner themself — `me` works too — or an admin)")
    @Transactional(readOnly = true)
    PageView<BookingView> ofPartner(@PathVariable String partnerId,
            @RequestParam(required = false) BookingStatus status,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, @AuthenticationPrincipal Jwt jwt) {
        Caller caller = Caller.of(jwt);
        UUID partner = caller.resolve(partnerId, "partnerId");
        if (!caller.admin() && !(caller.partner() && partner.equals(caller.id()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN,
                    "Only the partner themself or an admin may see partner " + partner + "'s bookings.");
        }
        checkWindow(from, to);
        return page(new BookingStore.Filter(null, partner, null, status, from, to), page, size);
    }

    @GetMapping("/api/admin/bookings")
    @Operation(summary = "All bookings, filtered (ADMIN)")
    @Transactional(readOnly = true)
    PageView<BookingView> all(@RequestParam(required = false) BookingStatus status,
            @RequestParam(required = false) UUID vehicleId, @RequestParam(required = false) UUID renterId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) @SaneInstant Instant to,
            @RequestParam(defaultValue = "0") @Min(0) @Max(10_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        checkWindow(from, to);
        return page(new BookingStore.Filter(renterId, null, vehicleId, status, from, to), page, size);
    }

    private PageView<BookingView> page(BookingStore.Filter filter, int page, int size) {
        int bounded = Math.min(size, properties.maxPageSize());
        return PageView.of(store.page(filter, page, bounded), page, bounded, store.count(filter), BookingView::of);
    }

    private static void checkWindow(Instant from, Instant to) {
        if (from != null && to != null && !to.isAfter(from)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }
}
