package dev.vidferry.model.api;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.vidferry.model.metadata.Violation;

/**
 * An RFC 9457 problem ({@code application/problem+json}), the body of every error answer of the API.
 *
 * @param type URI naming the kind of problem, e.g. {@code https://vidferry.dev/problems/validation}
 * @param title short summary of the kind
 * @param status HTTP status
 * @param detail what happened in this case, for people
 * @param instance the request path
 * @param errors one entry per offending field (JSON path relative to the body, or a query parameter name)
 * @param existingJobId with {@code already-queued}: the live job that already has the Drive file, else absent
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<Violation> errors,
        String existingJobId) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** A problem without an existing job. */
    public Problem(String type, String title, int status, String detail, String instance, List<Violation> errors) {
        this(type, title, status, detail, instance, errors, null);
    }
}
