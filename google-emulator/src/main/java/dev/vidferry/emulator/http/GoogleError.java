package dev.vidferry.emulator.http;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.ext.web.RoutingContext;

/** Google's JSON error envelope: {"error":{"code","message","errors":[{...}],"status"}}. */
public record GoogleError(int code, String reason, String domain, String message, String location, String locationType) {

    public static GoogleError of(int code, String reason, String domain, String message) {
        return new GoogleError(code, reason, domain, message, null, null);
    }

    public static GoogleError unauthenticated(String message) {
        return new GoogleError(401, "authError", "global", message, "Authorization", "header");
    }

    /** YouTube's answer to an upload by a Google account that has no channel. */
    public static GoogleError youtubeSignupRequired() {
        return new GoogleError(401, "youtubeSignupRequired", "youtube.header", "Unauthorized", "Authorization",
                "header");
    }

    public static GoogleError insufficientScopes() {
        return of(403, "insufficientPermissions", "global", "Request had insufficient authentication scopes.");
    }

    public static GoogleError notFound(String message) {
        return of(404, "notFound", "global", message);
    }

    public static GoogleError badRequest(String reason, String message) {
        return of(400, reason, "global", message);
    }

    public static GoogleError invalidParameter(String parameter, String message) {
        return new GoogleError(400, "invalid", "global", message, parameter, "parameter");
    }

    public static GoogleError serverError(int code) {
        return switch (code) {
            case 429 -> of(429, "rateLimitExceeded", "usageLimits", "Too many requests.");
            case 403 -> of(403, "userRateLimitExceeded", "usageLimits", "User rate limit exceeded.");
            case 400 -> of(400, "badRequest", "global", "Bad Request");
            case 404 -> of(404, "notFound", "global", "Not Found");
            case 503 -> of(503, "backendError", "global", "Service unavailable. Please retry.");
            default -> of(code, "backendError", "global", "Backend Error");
        };
    }

    public ObjectNode toJson() {
        ObjectNode item = Json.object();
        item.put("message", message);
        item.put("domain", domain);
        item.put("reason", reason);
        if (location != null) {
            item.put("location", location);
            item.put("locationType", locationType);
        }
        ObjectNode error = Json.object();
        error.put("code", code);
        error.put("message", message);
        error.putArray("errors").add(item);
        error.put("status", status(code));
        ObjectNode root = Json.object();
        root.set("error", error);
        return root;
    }

    public void send(RoutingContext ctx) {
        if (code == 401 && !"youtubeSignupRequired".equals(reason)) { // a valid token: no challenge to answer
            ctx.response().putHeader("WWW-Authenticate", "Bearer realm=\"https://accounts.google.com/\""
                    + (message.startsWith("Request had invalid") ? ", error=\"invalid_token\"" : ""));
        }
        Json.send(ctx, code, toJson());
    }

    static String status(int code) {
        return switch (code) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 409 -> "ALREADY_EXISTS";
            case 412 -> "FAILED_PRECONDITION";
            case 416 -> "OUT_OF_RANGE";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 501 -> "UNIMPLEMENTED";
            case 503 -> "UNAVAILABLE";
            default -> code >= 500 ? "INTERNAL" : "UNKNOWN";
        };
    }

    /** Thrown by handlers; the router's failure handler answers it. */
    public static final class Failure extends RuntimeException {

        public final GoogleError error;

        public Failure(GoogleError error) {
            super(error.message(), null, false, false);
            this.error = error;
        }
    }

    public Failure failure() {
        return new Failure(this);
    }
}
