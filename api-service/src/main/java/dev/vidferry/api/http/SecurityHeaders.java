package dev.vidferry.api.http;

import java.util.Map;

import io.vertx.core.MultiMap;

/** Headers every answer carries, error answers produced before routing included. */
public final class SecurityHeaders {

    static final Map<String, String> ALL = Map.of(
            "X-Content-Type-Options", "nosniff",
            "Cache-Control", "no-store",
            "Referrer-Policy", "no-referrer",
            "X-Frame-Options", "DENY",
            "Content-Security-Policy", "frame-ancestors 'none'");

    private SecurityHeaders() {
    }

    static void apply(MultiMap headers) {
        ALL.forEach(headers::set);
    }
}
