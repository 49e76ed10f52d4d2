package com.smartlinkauto.user.token;

import java.time.Instant;

/** Which access token (its {@code jti}) and until when it is valid: what revoking it needs. */
public record AccessTokenRef(String id, Instant expiresAt) {
}
