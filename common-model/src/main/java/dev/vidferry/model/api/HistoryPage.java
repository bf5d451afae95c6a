package dev.vidferry.model.api;

import java.util.List;

/**
 * One page of {@code GET /api/v1/history}, newest first.
 *
 * @param items entries of this page
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record HistoryPage(List<HistoryEntry> items, String nextCursor) {
}
