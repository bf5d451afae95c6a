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

    /**
     * The dashboard's pages and assets ({@code /ui}, {@code /assets}, {@code /webjars}): scripts, styles and
     * connections only from this origin, nothing inline, no plugins, no base or form target elsewhere.
     */
    public static final String DASHBOARD_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
            + "frame-ancestors 'none'";

    private SecurityHeaders() {
    }

    static void apply(MultiMap headers) {
        ALL.forEach(headers::set);
    }

    /** {@link #apply(MultiMap)}, with the dashboard's policy on the dashboard's paths. */
    static void apply(MultiMap headers, String path) {
        apply(headers);
        if (dashboard(path)) {
            headers.set("Content-Security-Policy", DASHBOARD_CSP);
        }
    }

    static boolean dashboard(String path) {
        return path != null && (path.equals("/ui") || path.startsWith("/ui/") || path.startsWith("/assets/")
                || path.startsWith("/webjars/"));
    }
}
