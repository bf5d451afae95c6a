package dev.vidferry.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.vidferry.model.metadata.Violation;

/**
 * Checks a raw request URI: only the characters RFC 3986 allows, well-formed percent-escapes, and escapes that decode
 * to UTF-8 without control characters. Names the query parameter at fault, else {@code path}.
 */
final class UriCheck {

    private static final String PATH_CHARS = "-._~!$&'()*+,;=:@/%";
    private static final String QUERY_CHARS = PATH_CHARS + "?";

    private UriCheck() {
    }

    /** The problem with {@code uri}, or null when it is fine. */
    static Violation check(String uri) {
        int question = uri.indexOf('?');
        String path = question < 0 ? uri : uri.substring(0, question);
        String problem = component(path, PATH_CHARS, false);
        if (problem != null) {
            return new Violation("path", "malformedPath", "the path " + problem);
        }
        if (question < 0) {
            return null;
        }
        for (String pair : uri.substring(question + 1).split("&", -1)) {
            int equals = pair.indexOf('=');
            String rawName = equals < 0 ? pair : pair.substring(0, equals);
            String name = decodeOrNull(rawName);
            String field = name == null || name.isEmpty() || component(rawName, QUERY_CHARS, true) != null
                    ? "query"
                    : name;
            problem = component(pair, QUERY_CHARS, true);
            if (problem != null) {
                return new Violation(field, "malformedQuery",
                        (field.equals("query") ? "the query " : "the query parameter " + field + " ") + problem);
            }
        }
        return null;
    }

    /** Why a path or query part is malformed, or null. */
    private static String component(String raw, String allowed, boolean query) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean ok = c < 128 && (Character.isLetterOrDigit(c) || allowed.indexOf(c) >= 0 || (query && c == '='));
            if (!ok) {
                return "contains a character that must be percent-encoded (" + printable(c) + ")";
            }
        }
        String decoded = decodeOrNull(raw);
        if (decoded == null) {
            return "has a malformed percent-escape or escapes that are not UTF-8";
        }
        if (decoded.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters such as NUL";
        }
        return null;
    }

    /** Strict percent-decoding ({@code +} stays as it is), or null when malformed or not UTF-8. */
    private static String decodeOrNull(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int high = Character.digit(raw.charAt(i + 1), 16);
                int low = Character.digit(raw.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return null;
                }
                bytes.write(high * 16 + low);
                i += 2;
            } else {
                bytes.write(c);
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes.toByteArray()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static String printable(char c) {
        return c > 32 && c < 127 ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
