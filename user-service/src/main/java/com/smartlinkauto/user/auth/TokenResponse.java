package com.smartlinkauto.user.auth;

/** Answer of login and refresh. {@code expiresIn}: seconds the access token is valid for. */
public record TokenResponse(String accessToken, String refreshToken, String tokenType, long expiresIn) {

    @Override
    public String toString() {
        return "TokenResponse[***]";
    }
}
