package dev.vidferry.emulator.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Jackson helpers and JSON responses. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static ArrayNode array() {
        return MAPPER.createArrayNode();
    }

    public static Buffer encode(Object value) {
        try {
            return Buffer.buffer(MAPPER.writeValueAsBytes(value));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode parse(Buffer body) {
        if (body == null || body.length() == 0) {
            return object();
        }
        try {
            return MAPPER.readTree(body.getBytes());
        } catch (Exception e) {
            throw new BadRequest("parseError", "Parse Error");
        }
    }

    public static ObjectNode parseObject(Buffer body) {
        JsonNode node = parse(body);
        if (!node.isObject()) {
            throw new BadRequest("parseError", "Parse Error");
        }
        return (ObjectNode) node;
    }

    public static void send(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status)
                .putHeader("Content-Type", "application/json; charset=UTF-8")
                .end(encode(body));
    }

    /** A malformed request body or parameter, answered as Google's 400. */
    public static final class BadRequest extends RuntimeException {

        public final String reason;

        public BadRequest(String reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }
    }
}
