package dev.vidferry.model.api;

import java.util.List;

/**
 * Answer of {@code POST /api/v1/jobs/bulk}: one result per item, in request order.
 *
 * @param created how many jobs were created
 * @param failed how many items were refused
 * @param results one per item
 */
public record BulkCreateJobsResponse(int created, int failed, List<BulkItemResult> results) {
}
