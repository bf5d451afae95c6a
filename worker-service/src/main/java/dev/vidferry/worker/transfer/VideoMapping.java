package dev.vidferry.worker.transfer;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoLocalization;
import com.google.api.services.youtube.model.VideoRecordingDetails;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;

import dev.vidferry.model.metadata.VideoMetadata;

/**
 * Our validated metadata as the YouTube {@code videos} resource: snippet and status always, recordingDetails and
 * localizations when the job sets them ({@link #parts} names the parts to send: YouTube ignores the others).
 */
final class VideoMapping {

    private VideoMapping() {
    }

    static Video video(VideoMetadata metadata) {
        VideoSnippet snippet = new VideoSnippet()
                .setTitle(metadata.title())
                .setDescription(metadata.description())
                .setTags(metadata.tags().isEmpty() ? null : metadata.tags())
                .setCategoryId(metadata.categoryId())
                .setDefaultLanguage(metadata.defaultLanguage())
                .setDefaultAudioLanguage(metadata.defaultAudioLanguage());
        VideoStatus status = new VideoStatus()
                .setPrivacyStatus(metadata.privacyStatus().wireName())
                .setSelfDeclaredMadeForKids(Boolean.TRUE.equals(metadata.madeForKids()))
                .setLicense(metadata.license())
                .setEmbeddable(metadata.embeddable())
                .setPublicStatsViewable(metadata.publicStatsViewable())
                .setContainsSyntheticMedia(metadata.containsSyntheticMedia());
        if (metadata.publishAt() != null) {
            status.setPublishAt(new DateTime(metadata.publishAt().toInstant().toEpochMilli()));
        }
        Video video = new Video().setSnippet(snippet).setStatus(status);
        if (metadata.recordingDate() != null) {
            video.setRecordingDetails(new VideoRecordingDetails()
                    .setRecordingDate(new DateTime(metadata.recordingDate().toInstant().toEpochMilli())));
        }
        if (!metadata.localizations().isEmpty()) {
            Map<String, VideoLocalization> localized = new LinkedHashMap<>();
            metadata.localizations().forEach((language, l) -> localized.put(language,
                    new VideoLocalization().setTitle(l.title()).setDescription(l.description())));
            video.setLocalizations(localized);
        }
        return video;
    }

    /** The {@code part} parameter for {@code video}: the parts it carries. */
    static String parts(Video video) {
        StringJoiner parts = new StringJoiner(",").add("snippet").add("status");
        if (video.getRecordingDetails() != null) {
            parts.add("recordingDetails");
        }
        if (video.getLocalizations() != null) {
            parts.add("localizations");
        }
        return parts.toString();
    }

    static String watchUrl(String videoId) {
        return "https://www.youtube.com/watch?v=" + videoId;
    }
}
