package com.smartlinkauto.e2e.fuzz;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import com.smartlinkauto.e2e.fuzz.OpenApiCatalog.Operation;

/**
 * Who may get a 2xx from which operation. The services' OpenAPI documents declare one global bearer
 * requirement and no per-operation security (springdoc drops {@code security = {}}), so they cannot
 * tell a public operation from an admin one; where an operation does declare {@code security: []} it is
 * taken as public. Everything else comes from the table below, which mirrors — and must be kept in
 * step with — {@code GatewaySecurityConfiguration} (gateway-service), the {@code SecurityConfiguration}
 * of user-service, vehicle-service, booking-service, payment-service and storage-controller-service, and the ownership
 * rules the services'
 * READMEs state. An operation of a service the table does not know yet (a new service) is treated as
 * "signed in" under {@code /api/**} (the gateway's rule) and as not routed elsewhere.
 */
final class AccessPolicy {

    enum Role {
        ANONYMOUS, RENTER, PARTNER_PENDING, PARTNER_VERIFIED, ADMIN
    }

    /** Who may pass. The fixtures' partner resources belong to the verified partner. */
    enum Access {
        /** anyone, also without a token */
        PUBLIC(EnumSet.allOf(Role.class)),
        /** any signed-in account, acting on itself ({@code /api/users/me/**}) */
        SIGNED_IN(EnumSet.complementOf(EnumSet.of(Role.ANONYMOUS))),
        /** a partner (pending or verified) acting on itself ({@code /api/partners/me/**}) */
        PARTNER(EnumSet.of(Role.PARTNER_PENDING, Role.PARTNER_VERIFIED)),
        /** a partner's own partner-scoped path ({@code /api/partners/me/vehicles}); admins too */
        PARTNER_OR_ADMIN(EnumSet.of(Role.PARTNER_PENDING, Role.PARTNER_VERIFIED, Role.ADMIN)),
        /** the resource's owner (the verified partner) or an admin */
        OWNER(EnumSet.of(Role.PARTNER_VERIFIED, Role.ADMIN)),
        /** the resource's owner only (own notification, own document under {@code /me}) */
        OWNER_ONLY(EnumSet.of(Role.PARTNER_VERIFIED)),
        /** a renter acting for themself (a hold, their own bookings) */
        RENTER(EnumSet.of(Role.RENTER)),
        /** the booking's renter (the fixtures' bookings are the renter's) or an admin: cancelling it */
        BOOKING_OWNER(EnumSet.of(Role.RENTER, Role.ADMIN)),
        /** the booking's renter, the partner of its vehicle (the verified partner's) or an admin: reading it */
        BOOKING_PARTY(EnumSet.of(Role.RENTER, Role.PARTNER_VERIFIED, Role.ADMIN)),
        ADMIN(EnumSet.of(Role.ADMIN)),
        /** not routed by the gateway: 404 for everyone */
        NOT_ROUTED(EnumSet.noneOf(Role.class));

        private final Set<Role> allowed;

        Access(Set<Role> allowed) {
            this.allowed = allowed;
        }

        boolean allows(Role role) {
            return allowed.contains(role);
        }
    }

    private record Rule(Pattern methods, Pattern path, Access access) {
    }

    /** First match wins. Paths are the OpenAPI path templates. */
    private static final List<Rule> RULES = List.of(
            // gateway PUBLIC_POSTS and user-service permitAll
            rule("POST", "/api/auth/(register|login|refresh|logout)", Access.PUBLIC),
            rule("POST", "/api/partners", Access.PUBLIC),
            rule("GET|HEAD", "/\\.well-known/jwks\\.json", Access.PUBLIC),
            // user-service: authenticated, the caller's own account
            rule(".*", "/api/users/me/notifications/\\{[^/]+\\}/read", Access.OWNER_ONLY),
            rule(".*", "/api/users/me(/.*)?", Access.SIGNED_IN),
            // user-service: /api/partners/me/** hasRole PARTNER; a document id of the verified partner
            rule("DELETE", "/api/partners/me/documents/\\{[^/]+\\}", Access.OWNER_ONLY),
            rule(".*", "/api/partners/me(/.*)?", Access.PARTNER),
            // user-service: that partner or an admin (anyone else 404)
            rule(".*", "/api/partners/\\{[^/]+\\}/documents(/.*)?", Access.OWNER),
            // vehicle-service: /api/partners/** hasAnyRole PARTNER, ADMIN, and only for oneself
            rule(".*", "/api/partners/\\{[^/]+\\}/vehicles(/.*)?", Access.OWNER),
            // booking-service: a partner's bookings, that partner's or an admin's (another partner 403)
            rule("GET|HEAD", "/api/partners/\\{[^/]+\\}/bookings", Access.OWNER),
            // booking-service: a partner's earnings, that partner's or an admin's (another partner 403)
            rule("GET|HEAD", "/api/partners/\\{[^/]+\\}/earnings", Access.OWNER),
            // booking-service: a partner's fleet status, likewise (a renter 403)
            rule("GET|HEAD", "/api/partners/\\{[^/]+\\}/fleet", Access.OWNER),
            // booking-service: the public quote; holds and one's own list for renters; a booking for its renter,
            // its vehicle's partner and the admins (anyone else 404); cancelling (and its preview) for its renter and the
            // admins
            rule("GET|HEAD", "/api/bookings/quote", Access.PUBLIC),
            rule("POST", "/api/bookings", Access.RENTER),
            rule("GET|HEAD", "/api/bookings/me", Access.RENTER),
            rule("POST", "/api/bookings/\\{[^/]+\\}/cancel", Access.BOOKING_OWNER),
            rule("GET|HEAD", "/api/bookings/\\{[^/]+\\}/cancellation", Access.BOOKING_OWNER),
            rule("GET|HEAD", "/api/bookings/\\{[^/]+\\}", Access.BOOKING_PARTY),
            // payment-service: the provider's webhook (signed, no token); a checkout for the booking's renter; a
            // booking's payments for its renter, its vehicle's partner and the admins (anyone else 404); the sandbox
            // provider's checkout page and forms (public: the session id is the capability)
            rule("POST", "/api/payments/webhook", Access.PUBLIC),
            rule("POST", "/api/payments/checkout", Access.RENTER),
            rule("GET|HEAD", "/api/payments/bookings/\\{[^/]+\\}", Access.BOOKING_PARTY),
            rule(".*", "/payments/sandbox/.*", Access.PUBLIC),
            // vehicle-service: the public catalogue (GET search, details, availability, photos of bookable vehicles)
            rule("GET|HEAD", "/api/vehicles", Access.PUBLIC),
            rule("GET|HEAD", "/api/vehicles/\\{[^/]+\\}", Access.PUBLIC),
            rule("GET|HEAD", "/api/vehicles/\\{[^/]+\\}/availability", Access.PUBLIC),
            rule("GET|HEAD", "/api/vehicles/\\{[^/]+\\}/photos/\\{[^/]+\\}", Access.PUBLIC),
            // vehicle-service: everything else on a vehicle is its owner's or an admin's
            rule(".*", "/api/vehicles/.*", Access.OWNER),
            // user-service: the admin overview, composed from every service (a part that fails is UNAVAILABLE, never
            // a 5xx); an admin's only, like the rest of /api/admin/**
            rule("GET|HEAD", "/api/admin/overview", Access.ADMIN),
            // gateway: /api/admin/** hasRole ADMIN; storage-controller: /api/storage/** hasRole ADMIN
            rule(".*", "/api/admin(/.*)?", Access.ADMIN),
            rule(".*", "/api/storage(/.*)?", Access.ADMIN),
            // the internal plane: never routed
            rule(".*", "/internal(/.*)?", Access.NOT_ROUTED));

    /** Operations that are public only for a bookable vehicle: checked again on a vehicle still under review. */
    private static final Pattern PUBLIC_IF_BOOKABLE = Pattern.compile(
            "/api/vehicles/\\{[^/]+\\}(/availability|/photos/\\{[^/]+\\})?");

    private AccessPolicy() {
    }

    private static Rule rule(String methods, String path, Access access) {
        return new Rule(Pattern.compile(methods), Pattern.compile(path), access);
    }

    static Access of(Operation operation) {
        if (!operation.routed()) {
            return Access.NOT_ROUTED;
        }
        if (operation.security() != null && operation.security().isArray() && operation.security().isEmpty()) {
            return Access.PUBLIC;
        }
        return known(operation.method(), operation.path()) ? ruleFor(operation.method(), operation.path()).access()
                : Access.SIGNED_IN;
    }

    static boolean known(String method, String path) {
        return ruleFor(method, path) != null;
    }

    private static Rule ruleFor(String method, String path) {
        for (Rule rule : RULES) {
            if (rule.methods().matcher(method).matches() && rule.path().matcher(path).matches()) {
                return rule;
            }
        }
        return null;
    }

    static boolean publicIfBookable(Operation operation) {
        return (operation.method().equals("GET") || operation.method().equals("HEAD"))
                && PUBLIC_IF_BOOKABLE.matcher(operation.path()).matches();
    }

    /** Partner-scoped operations (a partner's vehicles, its bookings) also tried with {@code me} in place of the partner id. */
    static boolean partnerScoped(Operation operation) {
        return operation.path().startsWith("/api/partners/{")
                && (operation.path().contains("/vehicles") || operation.path().endsWith("/bookings"));
    }
}
