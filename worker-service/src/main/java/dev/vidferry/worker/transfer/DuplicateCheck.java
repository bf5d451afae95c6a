package dev.vidferry.worker.transfer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.api.services.youtube.YouTube;
import com.google.api.services.youtube.model.VideoListResponse;

import io.quarkus.logging.Log;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.quota.QuotaMethods;
import dev.vidferry.platform.google.GoogleConfig;
import dev.vidferry.platform.quota.QuotaLedger;
import dev.vidferry.worker.google.GoogleErrors;

/**
 * Finds an earlier upload of the same file (same md5) by the same owner to the same channel (the job's Google account,
 * or another account of the owner on that channel) whose video still exists on YouTube; it runs once a job is
 * claimed, so a copy queued while its twin was still running is caught here. Videos
 * found deleted are marked gone in the history, so the file is uploaded again. Blocking.
 */
@ApplicationScoped
public class DuplicateCheck {

    private static final Duration DB_TIMEOUT = Duration.ofSeconds(30);

    private final Pool pool;
    private final QuotaLedger quota;
    private final String projectId;

    public DuplicateCheck(Pool pool, QuotaLedger quota, GoogleConfig google) {
        this.pool = pool;
        this.quota = quota;
        this.projectId = google.projectId();
    }

    /** An existing video of the owner with this content. */
    public record Existing(String videoId, String videoUrl) {
    }

    /**
     * Like {@link #find}, but a token without the scope {@code videos.list} needs ({@code 403 insufficientPermissions})
     * skips the check: {@code warning} gets a line for the job and the file is uploaded.
     */
    public Optional<Existing> findOrSkip(String ownerId, UUID accountId, String channelId, String md5,
            YouTube youtube, Consumer<String> warning) throws IOException {
        try {
            return find(ownerId, accountId, channelId, md5, youtube);
        } catch (IOException e) {
            if (!GoogleErrors.insufficientPermissions(e)) {
                throw e;
            }
            warning.accept(SKIPPED);
            return Optional.empty();
        }
    }

    /** The warning a job gets when the check was skipped. */
    public static final String SKIPPED = "could not check YouTube for an earlier upload of this file (the Google "
            + "authorization lacks the youtube.readonly scope); reconnect Google granting it to avoid duplicates";

    public Optional<Existing> find(String ownerId, UUID accountId, String channelId, String md5, YouTube youtube)
            throws IOException {
        if (md5 == null || md5.isBlank()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        pool.preparedQuery("SELECT id, video_id, video_url FROM upload_history WHERE owner_id = $1 "
                + "AND drive_md5 = $2 AND video_gone_at IS NULL AND (google_account_id = $3 "
                + "OR (channel_id IS NOT NULL AND channel_id = $4)) ORDER BY uploaded_at DESC LIMIT 5")
                .execute(Tuple.of(ownerId, md5, accountId, channelId))
                .await().atMost(DB_TIMEOUT)
                .forEach(rows::add);
        for (Row row : rows) {
            UUID historyId = row.getUUID("id");
            String videoId = row.getString("video_id");
            record(QuotaMethods.VIDEOS_LIST);
            VideoListResponse response = youtube.videos().list(List.of("id")).setId(List.of(videoId)).execute();
            boolean exists = response.getItems() != null && !response.getItems().isEmpty();
            pool.preparedQuery(exists
                    ? "UPDATE upload_history SET verified_at = now() WHERE id = $1"
                    : "UPDATE upload_history SET video_gone_at = now() WHERE id = $1")
                    .execute(Tuple.of(historyId)).await().atMost(DB_TIMEOUT);
            if (exists) {
                return Optional.of(new Existing(videoId, row.getString("video_url")));
            }
            Log.infof("video %s of an earlier upload is gone from YouTube: uploading again", videoId);
        }
        return Optional.empty();
    }

    /** Books a call made without a reservation in the shared quota ledger; a ledger failure never fails the job. */
    private void record(String method) {
        try {
            quota.record(projectId, method).await().atMost(DB_TIMEOUT);
        } catch (RuntimeException e) {
            Log.warnf("could not record a %s call in the quota ledger: %s", method, e.toString());
        }
    }
}
