package com.smartlinkauto.payment.shared;

import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.jwt.Jwt;

import com.smartlinkauto.servicedefaults.security.SmartlinkJwt;

/** Who is asking: the token's subject and roles. */
public record Caller(UUID id, boolean admin, boolean partner, boolean renter) {

    public static Caller of(Jwt jwt) {
        if (jwt == null) {
            return new Caller(null, false, false, false);
        }
        List<String> roles = jwt.getClaimAsStringList(SmartlinkJwt.ROLES_CLAIM);
        roles = roles == null ? List.of() : roles;
        return new Caller(UUID.fromString(jwt.getSubject()), roles.contains("ADMIN"), roles.contains("PARTNER"),
                roles.contains("RENTER"));
    }
}
