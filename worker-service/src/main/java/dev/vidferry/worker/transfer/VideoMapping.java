package dev.vidferry.worker.transfer;

import com.google.api.client.util.DateTime;
import com.google.api.services.youtube.model.Video;
import com.google.api.services.youtube.model.VideoSnippet;
import com.google.api.services.youtube.model.VideoStatus;

import dev.vidferry.model.metadata.VideoMetadata;

/** Our validated metadata as the YouTube {@code videos} resource (parts snippet and status). */
final class VideoMapping {

    private VideoMapping() {
    }

    static Video video(VideoMetadata metadata) {
        VideoSnippet snippet = new VideoSnippet()
                .setTitle(metadata.title())
                .setDescription(metadata.description())
                .setTags(metadata.tags().isEmpty() ? null : metadata.tags())
                .setCategoryId(metadata.categoryId());
        VideoStatus status = new VideoStatus()
                .setPrivacyStatus(metadata.privacyStatus().wireName())
                .setSelfDeclaredMadeForKids(Boolean.TRUE.equals(metadata.madeForKids()));
        if (metadata.publishAt() != null) {
            status.setPublishAt(new DateTime(metadata.publishAt().toInstant().toEpochMilli()));
        }
        return new Video().setSnippet(snippet).setStatus(status);
    }

    static String watchUrl(String videoId) {
        return "https://www.youtube.com/watch?v=" + videoId;
    }
}
