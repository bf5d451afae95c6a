package dev.vidferry.model.api;

import java.util.List;

/**
 * One page of a Drive folder.
 *
 * @param items folders first as Drive orders them ({@code folder,name}); pages may be short, even empty, while
 *        {@code nextPageToken} is set
 * @param nextPageToken pass as {@code pageToken} for the next page (Drive's own token); null on the last page
 */
public record DriveItemPage(List<DriveItem> items, String nextPageToken) {
}
