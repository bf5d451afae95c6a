package dev.vidferry.emulator.http;

import io.vertx.core.http.HttpServerResponse;

/**
 * The headers every vidferry service sends, set before routing so that error answers carry them too (a route may
 * still override one, e.g. the token endpoint's stricter Cache-Control).
 */
public final class SecurityHeaders {

    private SecurityHeaders() {
    }

    public static void apply(HttpServerResponse response) {
        response.headers()
                .set("X-Content-Type-Options", "nosniff")
                .set("Cache-Control", "no-store")
                .set("Referrer-Policy", "no-referrer")
                .set("X-Frame-Options", "DENY")
                .set("Content-Security-Policy", "frame-ancestors 'none'");
    }
}
