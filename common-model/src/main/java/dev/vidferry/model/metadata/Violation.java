package dev.vidferry.model.metadata;

/**
 * One problem with user input.
 *
 * @param field the offending field as a JSON path relative to the request body, e.g. {@code metadata.title}
 * @param code a stable machine-readable code; for metadata it is YouTube's own reason (e.g. {@code invalidTitle})
 * @param message what a person should change
 */
public record Violation(String field, String code, String message) {

    /** The same violation with {@code prefix.} put before its field. */
    public Violation under(String prefix) {
        return new Violation(prefix + "." + field, code, message);
    }
}
