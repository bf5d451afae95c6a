package dev.vidferry.model.metadata;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * @param playlistId optional playlist (of the uploading channel) to add the video to after upload
 * @param playlistTitle optional playlist to add the video to after upload, found by its title on the channel and
 *        created (private) once when the channel has none of that title; not together with {@code playlistId}
 * @param playlistPosition optional zero-based position in the playlist ({@code snippet.position}); default: the end
 * @param defaultLanguage snippet.defaultLanguage: the language of title and description (BCP-47, e.g. {@code en})
 * @param defaultAudioLanguage snippet.defaultAudioLanguage: the language spoken in the video
 * @param localizations localizations: title and description per further language; needs {@code defaultLanguage}
 * @param recordingDate recordingDetails.recordingDate
 * @param license status.license: {@code youtube} or {@code creativeCommon}
 * @param embeddable status.embeddable (YouTube's default true)
 * @param publicStatsViewable status.publicStatsViewable (YouTube's default true)
 * @param containsSyntheticMedia status.containsSyntheticMedia: the altered or synthetic content disclosure
 * @param thumbnailFileId a Drive image (JPEG/PNG) set as the custom thumbnail after upload (a verified channel only)
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
        String playlistId,
        String playlistTitle,
        Integer playlistPosition,
        String defaultLanguage,
        String defaultAudioLanguage,
        Map<String, Localization> localizations,
        OffsetDateTime recordingDate,
        String license,
        Boolean embeddable,
        Boolean publicStatsViewable,
        Boolean containsSyntheticMedia,
        String thumbnailFileId) {

    public static final String DEFAULT_CATEGORY = "22";

    /** The metadata without after-upload steps. */
    public VideoMetadata(String title, String description, List<String> tags, String categoryId,
            PrivacyStatus privacyStatus, Boolean madeForKids, Boolean notifySubscribers, OffsetDateTime publishAt,
            String playlistId) {
        this(title, description, tags, categoryId, privacyStatus, madeForKids, notifySubscribers, publishAt, playlistId,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A copy going into the playlist {@code id}, or the one titled {@code title}, at {@code position} (or the end). */
    public VideoMetadata withPlaylist(String id, String title, Integer position) {
        return new VideoMetadata(this.title, description, tags, categoryId, privacyStatus, madeForKids,
                notifySubscribers, publishAt, id, title, position, defaultLanguage, defaultAudioLanguage,
                localizations, recordingDate, license, embeddable, publicStatsViewable, containsSyntheticMedia,
                thumbnailFileId);
    }

    /** A copy with the languages of the video: of its texts, of its audio, and its texts in more languages. */
    public VideoMetadata withLanguages(String language, String audioLanguage, Map<String, Localization> localized) {
        return new VideoMetadata(title, description, tags, categoryId, privacyStatus, madeForKids, notifySubscribers,
                publishAt, playlistId, playlistTitle, playlistPosition, language, audioLanguage, localized,
                recordingDate, license, embeddable, publicStatsViewable, containsSyntheticMedia, thumbnailFileId);
    }

    /** A copy with the further {@code status} and {@code recordingDetails} settings. */
    public VideoMetadata withDetails(OffsetDateTime recorded, String licence, Boolean embed, Boolean statsViewable,
            Boolean synthetic) {
        return new VideoMetadata(title, description, tags, categoryId, privacyStatus, madeForKids, notifySubscribers,
                publishAt, playlistId, playlistTitle, playlistPosition, defaultLanguage, defaultAudioLanguage,
                localizations, recorded, licence, embed, statsViewable, synthetic, thumbnailFileId);
    }

    /** Whether the video goes into a playlist after upload. */
    public boolean wantsPlaylist() {
        return playlistId != null || playlistTitle != null;
    }

    public VideoMetadata {
        // null elements are kept (not a NullPointerException while reading JSON) so the validator can name them
        tags = tags == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(tags));
        localizations = localizations == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(localizations));
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
                playlistId,
                playlistTitle,
                playlistPosition,
                defaultLanguage,
                defaultAudioLanguage,
                localizations,
                recordingDate,
                license,
                embeddable,
                publicStatsViewable,
                containsSyntheticMedia,
                thumbnailFileId);
    }

    /** A copy whose video gets the Drive image {@code fileId} as its thumbnail after upload. */
    public VideoMetadata withThumbnail(String fileId) {
        return new VideoMetadata(title, description, tags, categoryId, privacyStatus, madeForKids, notifySubscribers,
                publishAt, playlistId, playlistTitle, playlistPosition, defaultLanguage, defaultAudioLanguage,
                localizations, recordingDate, license, embeddable, publicStatsViewable, containsSyntheticMedia, fileId);
    }
}
