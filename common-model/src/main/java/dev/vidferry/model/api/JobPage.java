package dev.vidferry.model.api;

import java.util.List;
import java.util.Map;

/**
 * One page of {@code GET /api/v1/jobs}, newest first.
 *
 * @param items the jobs of this page
 * @param nextCursor pass as {@code cursor} to get the next page; null on the last page
 * @param counts number of the caller's jobs per status (every status present, 0 when none), honouring the
 *        {@code batchId} filter but not the {@code status} filter
 * @param total sum of {@code counts}
 */
public record JobPage(List<JobView> items, String nextCursor, Map<String, Long> counts, long total) {
}
