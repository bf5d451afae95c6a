package dev.vidferry.model.metadata;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the user wants the YouTube video to look like. Mirrors the parts of YouTube's video resource we
 * send ({@code snippet}, {@code status}) plus the {@code notifySubscribers} query parameter.
 *
 * @param title snippet.title: 1-100 characters, no angle brackets
 * @param description snippet.description: at most 5000 UTF-8 bytes, no angle brackets
 * @param tags snippet.tags: at most 500 characters in total (see {@link MetadataValidator#tagsLength})
 * @param categoryId snippet.categoryId: an assignable category (default 22, People &amp; Blogs)
 * @param privacyStatus status.privacyStatus (default private)
 * @param madeForKids status.selfDeclaredMadeForKids, always sent (default false)
 * @param notifySubscribers the notifySubscribers query parameter (default true, as YouTube)
 * @param publishAt status.publishAt: scheduled publication, only with privacyStatus private
 * @param playlistId optional playlist to add the video to after upload
 */
public record VideoMetadata(
        String title,
        String description,
        List<String> tags,
        String categoryId,
        PrivacyStatus privacyStatus,
        Boolean madeForKids,
        Boolean notifySubscribers,
        OffsetDateTime publishAt,
        String playlistId) {

    public static final String DEFAULT_CATEGORY = "22";

    public VideoMetadata {
        // null elements are kept (not a NullPointerException while reading JSON) so the validator can name them
        tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
    }

    /** A copy with YouTube's defaults filled in where the user left a field out. */
    public VideoMetadata withDefaults() {
        return new VideoMetadata(
                title,
                description == null ? "" : description,
                tags,
                categoryId == null || categoryId.isBlank() ? DEFAULT_CATEGORY : categoryId.trim(),
                privacyStatus == null ? PrivacyStatus.PRIVATE : privacyStatus,
                madeForKids == null ? Boolean.FALSE : madeForKids,
                notifySubscribers == null ? Boolean.TRUE : notifySubscribers,
                publishAt,
                playlistId);
    }
}
