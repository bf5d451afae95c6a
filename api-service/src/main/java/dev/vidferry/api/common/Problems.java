package dev.vidferry.api.common;

import java.util.List;

import jakarta.ws.rs.core.Response;

import dev.vidferry.model.api.Problem;
import dev.vidferry.model.metadata.Violation;

/** Builds problem answers. */
public final class Problems {

    /** Problem type URIs are this plus a slug, e.g. {@code https://vidferry.dev/problems/validation}. */
    public static final String TYPE_BASE = "https://vidferry.dev/problems/";

    private Problems() {
    }

    public static Problem of(ApiException e, String instance) {
        return new Problem(TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), instance, e.errors(),
                e.existingJobId());
    }

    public static Problem of(int status, String type, String title, String detail, String instance,
            List<Violation> errors) {
        return new Problem(TYPE_BASE + type, title, status, detail, instance, errors);
    }

    /** Seconds a client should wait before retrying a 503 (the {@code Retry-After} header). */
    public static final int RETRY_AFTER_SECONDS = 5;

    /** The answer; a 503 carries {@code Retry-After}. */
    public static Response response(Problem problem) {
        Response.ResponseBuilder builder = Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
        if (problem.status() == 503) {
            builder.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return builder.build();
    }

    /** 503 for a dependency we could not reach (PostgreSQL, Google); the request may be retried as it is. */
    public static Problem unavailable(String what, String instance) {
        return of(503, "unavailable", "Service unavailable", what + " is unreachable right now; nothing was changed, "
                + "retry in a few seconds", instance, List.of());
    }
}
