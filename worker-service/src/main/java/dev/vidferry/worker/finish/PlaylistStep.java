package dev.vidferry.worker.finish;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.services.youtube.model.PlaylistItem;
import com.google.api.services.youtube.model.PlaylistItemListResponse;
import com.google.api.services.youtube.model.PlaylistItemSnippet;
import com.google.api.services.youtube.model.ResourceId;

import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.job.FinishStep;

/**
 * Adds the video to the job's playlist ({@code metadata.playlistId}, or {@code metadata.playlistTitle} through
 * {@link PlaylistTitles}). Asks {@code playlistItems.list?videoId=} first, so a new attempt after a crash between the
 * insert and its record never adds the video twice.
 */
@ApplicationScoped
public class PlaylistStep implements FinishStepRunner {

    public static final String NAME = "playlist";

    private final GoogleCalls calls;
    private final PlaylistTitles titles;

    public PlaylistStep(GoogleCalls calls, PlaylistTitles titles) {
        this.calls = calls;
        this.titles = titles;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean wanted(VideoMetadata metadata) {
        return metadata.wantsPlaylist();
    }

    @Override
    public FinishStep run(FinishContext context) throws StepFailure {
        VideoMetadata metadata = context.job().metadata().withDefaults();
        String playlistId = metadata.playlistId() != null
                ? metadata.playlistId().trim()
                : titles.resolve(context, metadata.playlistTitle().trim(), metadata.privacyStatus().wireName());
        PlaylistItemListResponse existing = calls.read(QuotaMethods.PLAYLIST_ITEMS_LIST,
                () -> context.youtube().playlistItems().list(List.of("id")).setPlaylistId(playlistId)
                        .setVideoId(context.videoId()).setMaxResults(1L).execute());
        if (existing.getItems() != null && !existing.getItems().isEmpty()) {
            return FinishStep.done(playlistId);
        }
        PlaylistItem item = new PlaylistItem().setSnippet(new PlaylistItemSnippet().setPlaylistId(playlistId)
                .setPosition(metadata.playlistPosition() == null ? null : metadata.playlistPosition().longValue())
                .setResourceId(new ResourceId().setKind("youtube#video").setVideoId(context.videoId())));
        calls.write(QuotaMethods.PLAYLIST_ITEMS_INSERT,
                () -> context.youtube().playlistItems().insert(List.of("snippet"), item).execute());
        return FinishStep.done(playlistId);
    }
}
