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
        return new Problem(TYPE_BASE + e.type(), e.title(), e.status(), e.getMessage(), instance, e.errors());
    }

    public static Problem of(int status, String type, String title, String detail, String instance,
            List<Violation> errors) {
        return new Problem(TYPE_BASE + type, title, status, detail, instance, errors);
    }

    public static Response response(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
