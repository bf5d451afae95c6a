package dev.vidferry.api.youtube;

import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.auth.oauth2.UserCredentials;

import io.smallrye.mutiny.Uni;

import dev.vidferry.api.account.GoogleAccountService.StoredCredentials;
import dev.vidferry.api.common.ApiException;
import dev.vidferry.api.common.Cursor;
import dev.vidferry.api.common.GoogleCalls;
import dev.vidferry.model.api.YouTubeChannelView;
import dev.vidferry.model.api.YouTubeVideoPage;
import dev.vidferry.model.api.YouTubeVideoView;
import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.quota.QuotaLedger;

/**
 * The caller's channel and uploads. Every YouTube call is booked in the quota ledger before it is sent (as the
 * worker books its calls); a bucket the ledger says is used up answers 429 without calling Google.
 */
@ApplicationScoped
public class YouTubeService {

    static final int DEFAULT_PAGE_SIZE = 25;
    static final int MAX_PAGE_SIZE = 50;

    private final GoogleCalls google;
    private final YouTubeReader reader;
    private final QuotaLedger ledger;
    private final GoogleConfig config;

    public YouTubeService(GoogleCalls google, YouTubeReader reader, QuotaLedger ledger, GoogleConfig config) {
        this.google = google;
        this.reader = reader;
        this.ledger = ledger;
        this.config = config;
    }

    public Uni<YouTubeChannelView> channel(String ownerId) {
        return google.credentialsOf(ownerId).chain(stored -> channel(stored));
    }

    /** One page of the uploads playlist: channels.list (1 unit) for its id, then playlistItems.list (1 unit). */
    public Uni<YouTubeVideoPage> uploads(String ownerId, String pageToken, String pageSize) {
        int size = Cursor.limit(pageSize, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, "pageSize");
        String token = pageToken == null || pageToken.isBlank() ? null : pageToken;
        if (token != null && (token.length() > 1024 || !token.chars().allMatch(c -> c > 32 && c < 127))) {
            throw ApiException.badRequest("pageToken", "invalidPageToken", "pageToken is not one this listing handed out");
        }
        return google.credentialsOf(ownerId).chain(stored -> channel(stored)
                .chain(channel -> booked(stored, QuotaMethods.PLAYLIST_ITEMS_LIST,
                        credentials -> reader.uploads(credentials, channel.uploadsPlaylistId(), token, size))));
    }

    public Uni<YouTubeVideoView> video(String ownerId, String videoId) {
        if (videoId == null || videoId.isEmpty() || videoId.length() > 64
                || !videoId.chars().allMatch(c -> Character.isLetterOrDigit(c) || c == '-' || c == '_')) {
            throw ApiException.badRequest("id", "invalidId", "id must be a YouTube video id");
        }
        return google.credentialsOf(ownerId)
                .chain(stored -> booked(stored, QuotaMethods.VIDEOS_LIST, credentials -> reader.video(credentials,
                        videoId)));
    }

    private Uni<YouTubeChannelView> channel(StoredCredentials stored) {
        return booked(stored, QuotaMethods.CHANNELS_LIST, reader::channel);
    }

    /** Books {@code method} in the ledger, then runs the call; a used-up bucket answers 429. */
    private <T> Uni<T> booked(StoredCredentials stored, String method, Function<UserCredentials, T> call) {
        return ledger.reserve(config.projectId(), method).chain(decision -> {
            if (!decision.granted()) {
                return Uni.createFrom().failure(new ApiException(429, "quota-exhausted", "YouTube quota exhausted",
                        "vidferry's YouTube quota for " + method + " is used up until " + decision.resetsAt(),
                        List.of()));
            }
            return google.run(stored, call);
        });
    }
}
