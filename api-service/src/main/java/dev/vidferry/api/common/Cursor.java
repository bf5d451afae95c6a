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

    /**
     * Parses the {@code limit} query parameter ourselves (JAX-RS would answer 404 for a non-integer): absent is
     * {@code fallback}; anything but a decimal integer from 1 to {@code max} is a 400 naming {@code limit}.
     */
    public static int limit(String limit, int fallback, int max) {
        return limit(limit, fallback, max, "limit");
    }

    /** As {@link #limit(String, int, int)} for a page-size parameter called {@code field}. */
    public static int limit(String limit, int fallback, int max, String field) {
        if (limit == null) {
            return fallback;
        }
        String message = field + " must be an integer between 1 and " + max;
        if (limit.isEmpty() || limit.length() > 10 || !limit.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw ApiException.badRequest(field, "invalidLimit", message);
        }
        long value = Long.parseLong(limit);
        if (value < 1 || value > max) {
            throw ApiException.badRequest(field, "invalidLimit", message);
        }
        return (int) value;
    }
}
