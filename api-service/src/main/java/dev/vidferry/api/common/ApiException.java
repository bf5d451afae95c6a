package dev.vidferry.api.common;

import java.util.List;

import dev.vidferry.model.metadata.Violation;

/** A refused request, answered as {@code application/problem+json}. The message is safe to show to the caller. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> errors;
    private final String existingJobId;

    public ApiException(int status, String type, String title, String detail, List<Violation> errors) {
        this(status, type, title, detail, errors, null);
    }

    private ApiException(int status, String type, String title, String detail, List<Violation> errors,
            String existingJobId) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
        this.existingJobId = existingJobId;
    }

    /**
     * 409 {@code already-queued} naming {@code field}: the Drive file already has a live job ({@code existing}; null
     * when it is unknown: an earlier item of the same request, or a request that committed at the same moment).
     */
    public static ApiException alreadyQueued(String field, java.util.UUID existing) {
        String message = existing == null
                ? "the Drive file is already queued (by an earlier item of this request or a concurrent one)"
                : "the Drive file is already queued as job " + existing;
        return new ApiException(409, "already-queued", "Already queued", field + ": " + message,
                List.of(new Violation(field, "alreadyQueued", message)), existing == null ? null : existing.toString());
    }

    /** With {@code already-queued}: the live job that has the file, else null. */
    public String existingJobId() {
        return existingJobId;
    }

    /** 422: the request is well-formed but some fields are wrong. */
    public static ApiException validation(List<Violation> errors) {
        return new ApiException(422, "validation", "Invalid request",
                errors.size() == 1
                        ? errors.get(0).field() + ": " + errors.get(0).message()
                        : errors.size() + " fields are invalid",
                errors);
    }

    /** 422 naming one field. */
    public static ApiException invalidField(String type, String field, String code, String message) {
        return new ApiException(422, type, "Invalid request", field + ": " + message,
                List.of(new Violation(field, code, message)));
    }

    /** 400 naming one field (malformed query parameters, unreadable body). */
    public static ApiException badRequest(String field, String code, String message) {
        return new ApiException(400, "bad-request", "Bad request", message,
                field == null ? List.of() : List.of(new Violation(field, code, message)));
    }

    /** 404: unknown, or someone else's. */
    public static ApiException notFound(String what) {
        return new ApiException(404, "not-found", "Not found", what + " not found", List.of());
    }

    /** 409: the resource's state does not allow it. */
    public static ApiException conflict(String type, String detail) {
        return new ApiException(409, type, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    /** Slug of the problem type, appended to {@link Problems#TYPE_BASE}. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> errors() {
        return errors;
    }
}
