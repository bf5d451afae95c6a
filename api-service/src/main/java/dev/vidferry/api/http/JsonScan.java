package dev.vidferry.api.http;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import dev.vidferry.api.common.ApiException;
import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.Violation;

/**
 * One pass over a JSON body's tokens, keeping the JSON path ({@code jobs[1].metadata.tags[0]}), for what Jackson's
 * mapping would silently accept or report without a field: bytes that are not UTF-8 (overlong forms such as
 * {@code C0 AF} included), duplicate keys, NUL and lone surrogates, numbers beyond Jackson's limits, and syntax
 * errors (JSON is UTF-8: a UTF-16 body is refused here rather than guessed by the body reader).
 */
final class JsonScan {

    /** Stands for undecodable bytes while the body is scanned a second time to find their field. */
    private static final String MARK = "\uFFFF";
    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonScan() {
    }

    /** Why the body is refused, or null. */
    static ApiException check(byte[] body) {
        String text;
        boolean undecodable = false;
        try {
            text = decoder(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            undecodable = true;
            try {
                text = decoder(CodingErrorAction.REPLACE).replaceWith(MARK).decode(ByteBuffer.wrap(body)).toString();
            } catch (CharacterCodingException impossible) {
                text = "";
            }
        }
        ApiException refused = scan(text, undecodable);
        if (refused == null && undecodable) {
            return malformed("", "invalidUtf8", "the body is not valid UTF-8");
        }
        return refused;
    }

    private static java.nio.charset.CharsetDecoder decoder(CodingErrorAction action) {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(action).onUnmappableCharacter(action);
    }

    private static ApiException scan(String text, boolean undecodable) {
        // keys seen in each open object (arrays push null), for duplicates
        Deque<Set<String>> keys = new ArrayDeque<>();
        JsonParser parser = null;
        try (JsonParser p = FACTORY.createParser(text)) {
            parser = p;
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                switch (token) {
                    case START_OBJECT -> keys.push(new HashSet<>());
                    case START_ARRAY -> keys.push(Set.of());
                    case END_OBJECT, END_ARRAY -> keys.pop();
                    case FIELD_NAME -> {
                        String key = p.currentName();
                        ApiException refused = text(key, path(p.getParsingContext()), undecodable, true);
                        if (refused != null) {
                            return refused;
                        }
                        if (!keys.peek().add(key)) {
                            return malformed(path(p.getParsingContext()), "duplicateKey",
                                    "the key appears more than once in its object");
                        }
                    }
                    case VALUE_STRING -> {
                        ApiException refused = text(p.getText(), path(p.getParsingContext()), undecodable, false);
                        if (refused != null) {
                            return refused;
                        }
                    }
                    default -> {
                    }
                }
            }
            return null;
        } catch (StreamConstraintsException e) {
            return malformed(parser == null ? "" : path(parser.getParsingContext()), "valueTooLarge",
                    "the value is too long or nested too deep to be read");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null
                    ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
            return malformed("", undecodable ? "invalidUtf8" : "malformedJson", undecodable
                    ? "the body is not valid UTF-8"
                    : "the body is not valid JSON" + where);
        } catch (IOException e) {
            throw new IllegalStateException("reading a JSON body from memory failed", e);
        }
    }

    /** JSON path of the parser's position, e.g. {@code jobs[1].metadata.tags[0]} ({@code ""} at the root). */
    static String path(JsonStreamContext context) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push(c.getCurrentName());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            out.append(out.length() == 0 || part.startsWith("[") ? "" : ".").append(part);
        }
        return out.toString();
    }

    private static ApiException text(String value, String path, boolean undecodable, boolean key) {
        if (undecodable && value.contains(MARK)) {
            return malformed(path, "invalidUtf8", (key ? "the key" : "the value")
                    + " is not valid UTF-8 (e.g. an overlong form)");
        }
        String problem = MetadataValidator.unstorable(value);
        if (problem == null) {
            return null;
        }
        if (key) {
            return malformed(path, "invalidKey", "the key " + problem);
        }
        String name = path.isEmpty() ? "value" : path;
        return ApiException.validation(List.of(new Violation(path, "unstorableText", name + " " + problem)));
    }

    private static ApiException malformed(String field, String code, String message) {
        return new ApiException(400, "malformed-json", "Malformed JSON",
                (field.isEmpty() ? "body" : field) + ": " + message, List.of(new Violation(field, code, message)));
    }
}
