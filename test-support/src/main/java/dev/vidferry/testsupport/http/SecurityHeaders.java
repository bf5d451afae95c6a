package dev.vidferry.testsupport.http;

import java.util.Map;

import io.restassured.response.ValidatableResponse;

/** The security headers every answer of a vidferry service carries (the services' first route sets them). */
public final class SecurityHeaders {

    public static final Map<String, String> EXPECTED = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    /** Fails unless the answer carries every expected header with its value. */
    public static ValidatableResponse assertCarried(ValidatableResponse response) {
        EXPECTED.forEach((name, value) -> response.header(name, value));
        return response;
    }
}
