package com.smartlinkauto.booking.shared;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;
import com.smartlinkauto.servicedefaults.validation.InvalidInputException;

/** Who is asking: the token's subject and roles, or nobody (the public quote). */
public record Caller(UUID id, boolean admin, boolean partner, boolean renter) {

    public static final Caller ANONYMOUS = new Caller(null, false, false, false);

    public static Caller of(Jwt jwt) {
        if (jwt == null) {
            return ANONYMOUS;
        }
        List<String> roles = jwt.getClaimAsStringList(SmartlinkJwt.ROLES_CLAIM);
        roles = roles == null ? List.of() : roles;
        return new Caller(UUID.fromString(jwt.getSubject()), roles.contains("ADMIN"), roles.contains("PARTNER"),
                roles.contains("RENTER"));
    }

    /** {@code me} is the caller; anything else must be a UUID (400 naming {@code parameter} otherwise). */
    public UUID resolve(String idOrMe, String parameter) {
        if ("me".equals(idOrMe) && id != null) {
            return id;
        }
        try {
            return UUID.fromString(idOrMe);
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidInputException(parameter, "must be an id or me");
        }
    }
}
