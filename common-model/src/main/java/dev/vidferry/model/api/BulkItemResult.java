package dev.vidferry.model.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Outcome of one item of a bulk request.
 *
 * @param index position of the item in the request (0-based)
 * @param status the HTTP status this item would have had alone (201 when created)
 * @param job the created job, when created
 * @param problem why it was refused, otherwise
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BulkItemResult(int index, int status, JobView job, Problem problem) {
}
