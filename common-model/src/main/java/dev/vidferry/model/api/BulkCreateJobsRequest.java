package dev.vidferry.model.api;

import java.util.List;

/**
 * Body of {@code POST /api/v1/jobs/bulk}: several jobs, each created (or refused) on its own.
 *
 * @param jobs 1-500 items, each like the body of {@code POST /api/v1/jobs}
 */
public record BulkCreateJobsRequest(List<CreateJobRequest> jobs) {
}
