package com.smartlinkauto.vehicle.shared;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;

/** Who is asking: the token's subject and roles, or nobody (public endpoints). Every feature module asks it. */
public record Caller(UUID id, boolean admin, boolean partner) {

    public static final Caller ANONYMOUS = new Caller(null, false, false);

    public static Caller of(Jwt jwt) {
        if (jwt == null) {
            return ANONYMOUS;
        }
        List<String> roles = jwt.getClaimAsStringList(SmartlinkJwt.ROLES_CLAIM);
        roles = roles == null ? List.of() : roles;
        return new Caller(UUID.fromString(jwt.getSubject()), roles.contains("ADMIN"), roles.contains("PARTNER"));
    }

    /**
     * The owner of a vehicle (the partner {@code ownerId}) or an admin: may see everything about it and manage it.
     */
    public boolean manages(UUID ownerId) {
        return admin || (id != null && ownerId.equals(id));
    }

    /** The partner themself or an admin. */
    public boolean actsFor(UUID partnerId) {
        return admin || (partner && partnerId.equals(id));
    }
}
