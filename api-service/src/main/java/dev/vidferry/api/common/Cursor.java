package dev.vidferry.api.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

/**
 * Position after the last item of a page sorted by (timestamp desc, id desc): opaque base64url of
 * {@code epochMicros:uuid}.
 */
public record Cursor(Instant at, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + ":" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** Null for null/blank input; a 400 naming {@code cursor} for anything we did not hand out. */
    public static Cursor decode(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(value.trim()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            long micros = Long.parseLong(text.substring(0, colon));
            return new Cursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(text.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw ApiException.badRequest("cursor", "invalidCursor", "cursor is not one this API handed out");
        }
    }

    /** Checks the {@code limit} query parameter. */
    public static int limit(Integer limit, int fallback, int max) {
        if (limit == null) {
            return fallback;
        }
        if (limit < 1 || limit > max) {
            throw ApiException.badRequest("limit", "invalidLimit", "limit must be between 1 and " + max);
        }
        return limit;
    }
}
