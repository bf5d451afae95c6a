package dev.vidferry.worker.finish;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.services.youtube.model.ChannelListResponse;
import com.google.api.services.youtube.model.Playlist;
import com.google.api.services.youtube.model.PlaylistListResponse;
import com.google.api.services.youtube.model.PlaylistSnippet;
import com.google.api.services.youtube.model.PlaylistStatus;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.quota.QuotaMethods;

/**
 * Finds the channel's playlist of a title, creating it once (table {@code youtube_playlist}, owned here): the first
 * job claims the (channel, title) row, looks the title up on the channel ({@code playlists.list?mine=true}, in case
 * an earlier attempt created it and crashed before recording it) and only then calls {@code playlists.insert};
 * concurrent jobs of the same channel wait for the recorded id. A claim of a crashed job is taken over after
 * {@link #STALE_CLAIM}; the same job's next attempt takes it over at once.
 */
@ApplicationScoped
public class PlaylistTitles {

    static final Duration STALE_CLAIM = Duration.ofMinutes(2);
    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final Pool pool;
    private final GoogleCalls calls;

    public PlaylistTitles(Pool pool, GoogleCalls calls) {
        this.pool = pool;
        this.calls = calls;
    }

    /** The id of the channel's playlist titled {@code title}, created with {@code privacy} when there is none. */
    public String resolve(FinishContext context, String title, String privacy) throws StepFailure {
        String channelId = channelOf(context);
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            RowSet<Row> rows = pool.preparedQuery("SELECT playlist_id FROM youtube_playlist WHERE channel_id = $1 "
                    + "AND title = $2").execute(Tuple.of(channelId, title)).await().atMost(DB_TIMEOUT);
            String known = rows.size() == 0 ? null : rows.iterator().next().getString("playlist_id");
            if (known != null) {
                if (exists(context, known)) {
                    return known;
                }
                pool.preparedQuery("DELETE FROM youtube_playlist WHERE channel_id = $1 AND title = $2 "
                        + "AND playlist_id = $3").execute(Tuple.of(channelId, title, known)).await().atMost(DB_TIMEOUT);
                continue; // deleted on YouTube: create it anew
            }
            if (claim(channelId, title, context.job().id())) {
                String id = findOnChannel(context, title);
                if (id == null) {
                    id = create(context, title, privacy);
                }
                pool.preparedQuery("UPDATE youtube_playlist SET playlist_id = $3, created_at = now() "
                        + "WHERE channel_id = $1 AND title = $2").execute(Tuple.of(channelId, title, id))
                        .await().atMost(DB_TIMEOUT);
                return id;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StepFailure("another job is still creating the playlist \"" + title + "\"");
            }
            pause();
        }
    }

    /** The uploading channel: the account's, or asked of YouTube ({@code channels.list?mine=true}, 1 unit). */
    private String channelOf(FinishContext context) throws StepFailure {
        if (context.channelId() != null) {
            return context.channelId();
        }
        ChannelListResponse mine = calls.read(QuotaMethods.CHANNELS_LIST,
                () -> context.youtube().channels().list(List.of("id")).setMine(true).execute());
        if (mine.getItems() == null || mine.getItems().isEmpty()) {
            throw new StepFailure("the Google account has no YouTube channel");
        }
        return mine.getItems().get(0).getId();
    }

    /** Takes the creation of (channel, title): a new row, or one whose claim is this job's or stale. */
    private boolean claim(String channelId, String title, java.util.UUID jobId) {
        return pool.preparedQuery("INSERT INTO youtube_playlist (channel_id, title, claimed_by_job) VALUES ($1, $2, $3) "
                + "ON CONFLICT (channel_id, title) DO UPDATE SET claimed_by_job = $3, claimed_at = now() "
                + "WHERE youtube_playlist.playlist_id IS NULL AND (youtube_playlist.claimed_by_job = $3 "
                + "OR youtube_playlist.claimed_at < now() - $4 * interval '1 second')")
                .execute(Tuple.of(channelId, title, jobId, STALE_CLAIM.toSeconds())).await().atMost(DB_TIMEOUT)
                .rowCount() > 0;
    }

    private boolean exists(FinishContext context, String playlistId) throws StepFailure {
        PlaylistListResponse response = calls.read(QuotaMethods.PLAYLISTS_LIST,
                () -> context.youtube().playlists().list(List.of("id")).setId(List.of(playlistId)).execute());
        return response.getItems() != null && !response.getItems().isEmpty();
    }

    /** The channel's playlist of exactly this title, following every page; null when there is none. */
    private String findOnChannel(FinishContext context, String title) throws StepFailure {
        String pageToken = null;
        do {
            String token = pageToken;
            PlaylistListResponse page = calls.read(QuotaMethods.PLAYLISTS_LIST,
                    () -> context.youtube().playlists().list(List.of("snippet")).setMine(true).setMaxResults(50L)
                            .setPageToken(token).execute());
            if (page.getItems() != null) {
                for (Playlist p : page.getItems()) {
                    if (p.getSnippet() != null && title.equals(p.getSnippet().getTitle())) {
                        return p.getId();
                    }
                }
            }
            pageToken = page.getNextPageToken();
        } while (pageToken != null && !pageToken.isEmpty());
        return null;
    }

    private String create(FinishContext context, String title, String privacy) throws StepFailure {
        Playlist playlist = new Playlist().setSnippet(new PlaylistSnippet().setTitle(title))
                .setStatus(new PlaylistStatus().setPrivacyStatus(privacy));
        return calls.write(QuotaMethods.PLAYLISTS_INSERT,
                () -> context.youtube().playlists().insert(List.of("snippet", "status"), playlist).execute()).getId();
    }

    private static void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
