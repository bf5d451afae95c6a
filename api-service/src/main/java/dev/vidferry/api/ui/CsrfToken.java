package dev.vidferry.api.ui;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.ws.rs.core.NewCookie;

/** The dashboard's double-submit CSRF token: a random value in a cookie that the page repeats in a header. */
public final class CsrfToken {

    /** Cookie: HttpOnly (the page gets the value from its own markup), SameSite=Strict, the whole origin. */
    public static final String COOKIE = "vf_csrf";
    /** Header the dashboard's scripts send on every write. */
    public static final String HEADER = "X-CSRF-Token";

    private static final SecureRandom RANDOM = new SecureRandom();

    private CsrfToken() {
    }

    /** The request's token when it has a well-formed one, else a new one. */
    public static String currentOrNew(String cookieValue) {
        if (cookieValue != null && cookieValue.matches("[A-Za-z0-9_-]{43}")) {
            return cookieValue;
        }
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static NewCookie cookie(String token, boolean secure) {
        return new NewCookie.Builder(COOKIE).value(token).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).build();
    }
}
