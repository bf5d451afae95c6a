package dev.vidferry.model.api;

/**
 * Answer of {@code POST /api/v1/jobs/clear}.
 *
 * @param deleted how many completed, failed and cancelled jobs were removed
 */
public record ClearJobsResponse(long deleted) {
}
