package dev.vidferry.platform.folder;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

import dev.vidferry.model.folder.FileOverrides;
import dev.vidferry.model.folder.FolderSettings;
import dev.vidferry.model.folder.SkipReason;
import dev.vidferry.model.metadata.PrivacyStatus;
import dev.vidferry.platform.MigratedDatabase;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.folder.FolderBatch.SkippedVideo;
import dev.vidferry.platform.job.JobBatches;
import dev.vidferry.platform.outbox.OutboxWriter;

/** Folder batches against real PostgreSQL with every migration (V12's unique index included). */
class FolderEnqueuerTest {

    static final Instant NOW = Instant.parse("2026-12-01T23:30:00Z");
    static final FolderSettings SETTINGS = FolderSettings.templates("{folder_path} {filename}",
            "from {root_folder} on {upload_date}", false);
    static final FolderBatchRequest.Limits LIMITS = new FolderBatchRequest.Limits(1_000_000, 500_000);

    static MigratedDatabase db;
    static Pool pool;
    final FolderEnqueuer enqueuer = new FolderEnqueuer(new OutboxWriter(
            new ObjectMapper().registerModule(new JavaTimeModule())),
            new ObjectMapper().registerModule(
                    new JavaTimeModule()));

    @BeforeAll
    static void database() {
        db = new MigratedDatabase("vidferry_test_folders");
        pool = db.pool(4);
    }

    @AfterAll
    static void close() {
        pool.closeAndAwait();
        db.close();
    }

    @Test
    void aBatchQueuesEachVideoInOrderWithItsMetadataAndTwoOutboxRows() {
        Owner owner = owner("ch-order");
        List<ScannedVideo> videos = List.of(video("a1", "one.mp4", "2025/Spring", "m-a1"),
                video("a2", "two.mp4", "", "m-a2"), video("a3", "three.mov", "2025", "m-a3"));

        FolderBatch batch = enqueue(owner, videos, true);

        assertThat(batch.addedCount()).isEqualTo(3);
        assertThat(batch.skipped()).isEmpty();
        List<Row> rows = rows("SELECT drive_file_id, folder_path, batch_id, metadata->>'title' AS title, "
                + "metadata->>'description' AS description, status, skip_duplicates FROM upload_job "
                + "WHERE owner_id = $1 ORDER BY created_at", owner.id);
        assertThat(rows).extracting(r -> r.getString("drive_file_id")).containsExactly("a1", "a2", "a3");
        assertThat(rows).extracting(r -> r.getString("title")).containsExactly("2025/Spring one", "two", "2025 three");
        assertThat(rows).allSatisfy(r -> {
            assertThat(r.getString("description")).isEqualTo("from Root on 2026-12-02"); // Europe/Berlin
            assertThat(r.getString("status")).isEqualTo("pending");
            assertThat(r.getString("batch_id")).isEqualTo(batch.batchId());
            assertThat(r.getBoolean("skip_duplicates")).isTrue();
        });
        List<Row> outbox = rows("SELECT o.topic FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id "
                + "WHERE j.owner_id = $1 ORDER BY o.id", owner.id);
        assertThat(outbox).extracting(r -> r.getString("topic")).containsExactly("upload-job.requested",
                "upload-job.progress", "upload-job.requested", "upload-job.progress", "upload-job.requested",
                "upload-job.progress");
    }

    @Test
    void runningTheBatchAgainSkipsEveryFileAsAlreadyQueued() {
        Owner owner = owner("ch-again");
        List<ScannedVideo> videos = List.of(video("b1", "one.mp4", "", "m-b1"), video("b2", "two.mp4", "", null));
        enqueue(owner, videos, true);

        FolderBatch again = enqueue(owner, videos, false);

        assertThat(again.addedCount()).isZero();
        assertThat(again.skipped()).extracting(SkippedVideo::fileId, s -> s.reason().wire())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b1", "already_queued"),
                        org.assertj.core.groups.Tuple.tuple("b2", "already_queued"));
        assertThat(count("SELECT count(*) FROM upload_job WHERE owner_id = $1", owner.id)).isEqualTo(2);
    }

    @Test
    void copiesAreSkippedAgainstLiveJobsTheBatchItselfAndTheChannelsHistory() {
        Owner owner = owner("ch-copies");
        Owner otherChannel = account(owner.id, "other", "ch-elsewhere");
        Owner sameChannel = account(owner.id, "brand", "ch-copies");
        enqueue(owner, List.of(video("c1", "live.mp4", "", "m-live")), true);
        history(owner, "m-done", "vid-done");
        history(otherChannel, "m-other", "vid-other");
        history(sameChannel, "m-brand", "vid-brand");

        FolderBatch batch = enqueue(owner, List.of(video("c2", "live copy.mp4", "", "m-live"),
                video("c3", "pair.mp4", "", "m-pair"), video("c4", "pair copy.mp4", "", "m-pair"),
                video("c5", "done again.mp4", "", "m-done"), video("c6", "other channel.mp4", "", "m-other"),
                video("c7", "brand copy.mp4", "", "m-brand")), true);

        assertThat(batch.jobs()).extracting(j -> j.video().fileId()).containsExactly("c3", "c6");
        assertThat(reasons(batch)).containsExactlyInAnyOrderEntriesOf(Map.of("c2", "duplicate_md5_queued", "c4",
                "duplicate_md5_queued", "c5", "already_uploaded:vid-done", "c7", "already_uploaded:vid-brand"));
    }

    @Test
    void withoutSkippingDuplicatesCopiesAreQueuedButTheSameFileNeverTwice() {
        Owner owner = owner("ch-keep");
        history(owner, "m-up", "vid-up");
        FolderBatch first = enqueue(owner, List.of(video("d1", "one.mp4", "", "m-up"),
                video("d2", "one copy.mp4", "", "m-up"), video("d1", "shortcut to one.mp4", "", "m-up")), false);

        assertThat(first.jobs()).extracting(j -> j.video().fileId()).containsExactly("d1", "d2");
        assertThat(reasons(first)).containsExactlyEntriesOf(Map.of("d1", "already_queued"));
        assertThat(count("SELECT count(*) FROM upload_job WHERE owner_id = $1 AND NOT skip_duplicates", owner.id))
                .isEqualTo(2);
    }

    @Test
    void filesWithoutContentTooLargeOrWithABadSidecarAreSkippedAndTheRestQueued() {
        Owner owner = owner("ch-limits");
        ScannedVideo badSidecar = with(video("e4", "bad.mp4", "", "m-e4"), null, SkipReason.badSidecar("title"));
        ScannedVideo publicButScheduled = with(video("e5", "sched.mp4", "", "m-e5"), new FileOverrides(null, null,
                null, null, PrivacyStatus.PUBLIC, NOW.plusSeconds(86_400).atOffset(ZoneOffset.UTC), null, null), null);
        ScannedVideo big = sized("e6", "big.mp4", 600_000L);

        FolderBatch batch = enqueue(owner, List.of(sized("e1", "nosize.mp4", null), sized("e2", "empty.mp4", 0L),
                sized("e3", "huge.mp4", 2_000_000L), badSidecar, publicButScheduled, big), true);

        assertThat(reasons(batch)).containsExactlyInAnyOrderEntriesOf(Map.of("e1", "no_content", "e2", "empty_file", "e3",
                "too_large", "e4", "bad_sidecar: title", "e5", "bad_sidecar: publishAt"));
        assertThat(batch.jobs()).singleElement().satisfies(job -> {
            assertThat(job.video().fileId()).isEqualTo("e6");
            assertThat(job.warning()).contains("above the warning size of 500000 bytes");
        });
    }

    @Test
    void twoEnqueuesOfOneFolderAtOnceQueueEachFileExactlyOnce() {
        Owner owner = owner("ch-race");
        List<ScannedVideo> videos = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            videos.add(video("r" + i, "v" + i + ".mp4", "", "m-r" + i));
        }
        Pool a = db.pool(1);
        Pool b = db.pool(1);
        try {
            CompletableFuture<FolderBatch> first = enqueuer.enqueue(a, request(owner, videos, true))
                    .subscribeAsCompletionStage();
            CompletableFuture<FolderBatch> second = enqueuer.enqueue(b, request(owner, videos, true))
                    .subscribeAsCompletionStage();
            FolderBatch one = first.join();
            FolderBatch two = second.join();

            assertThat(one.addedCount() + two.addedCount()).isEqualTo(500);
            assertThat(one.skippedCount() + two.skippedCount()).isEqualTo(500);
            assertThat(one.skipped()).allSatisfy(s -> assertThat(s.reason().wire()).isEqualTo("already_queued"));
            assertThat(two.skipped()).allSatisfy(s -> assertThat(s.reason().wire()).isEqualTo("already_queued"));
            assertThat(count("SELECT count(DISTINCT drive_file_id) FROM upload_job WHERE owner_id = $1", owner.id))
                    .isEqualTo(500);
            assertThat(count("SELECT count(*) FROM upload_job WHERE owner_id = $1", owner.id)).isEqualTo(500);
            assertThat(count("SELECT count(*) FROM job_outbox o JOIN upload_job j ON j.id = o.aggregate_id "
                    + "WHERE j.owner_id = $1", owner.id)).isEqualTo(1000);
        } finally {
            a.closeAndAwait();
            b.closeAndAwait();
        }
    }

    @Test
    void aPreviewWritesNothing() {
        Owner owner = owner("ch-preview");
        FolderBatch preview = enqueuer.preview(pool, request(owner, List.of(video("p1", "one.mp4", "", "m-p1")),
                true)).await().indefinitely();

        assertThat(preview.jobs()).singleElement().satisfies(job -> {
            assertThat(job.rendered().metadata().title()).isEqualTo("one");
            assertThat(job.createdAt()).isNull();
        });
        assertThat(count("SELECT count(*) FROM upload_job WHERE owner_id = $1", owner.id)).isZero();
    }

    // --- helpers

    record Owner(String id, UUID accountId) {
    }

    private FolderBatch enqueue(Owner owner, List<ScannedVideo> videos, boolean skipDuplicates) {
        return enqueuer.enqueue(pool, request(owner, videos, skipDuplicates)).await().indefinitely();
    }

    private static FolderBatchRequest request(Owner owner, List<ScannedVideo> videos, boolean skipDuplicates) {
        return new FolderBatchRequest(new JobBatches.Batch(owner.id, owner.accountId, "batch-" + UUID.randomUUID(),
                null, 5, skipDuplicates), videos, SETTINGS, ZoneId.of("Europe/Berlin"), NOW, LIMITS);
    }

    private static Map<String, String> reasons(FolderBatch batch) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        batch.skipped().forEach(s -> out.put(s.fileId(), s.reason().wire()));
        return out;
    }

    static ScannedVideo video(String id, String name, String path, String md5) {
        String folder = path.isEmpty() ? "Root" : path.substring(path.lastIndexOf('/') + 1);
        return new ScannedVideo(id, name, path, "folder-" + folder, folder, "Root", 1000L, md5, "rev1", "video/mp4",
                NOW, null, null, null, null, List.of());
    }

    static ScannedVideo with(ScannedVideo v, FileOverrides overrides, SkipReason skip) {
        return new ScannedVideo(v.fileId(), v.name(), v.folderPath(), v.folderId(), v.folderName(),
                v.rootFolderName(), v.size(), v.md5(), v.revision(), v.mimeType(), v.modifiedTime(), v.driveId(),
                v.shortcutId(), overrides, skip, v.warnings());
    }

    static ScannedVideo sized(String id, String name, Long size) {
        return new ScannedVideo(id, name, "", "root", "Root", "Root", size, "m-" + id, "rev1", "video/mp4", NOW, null,
                null, null, null, List.of());
    }

    private static Owner owner(String channel) {
        return account("user-" + UUID.randomUUID(), "default", channel);
    }

    private static Owner account(String ownerId, String key, String channel) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("INSERT INTO google_account (id, owner_id, account_key, channel_id, project_id, key_id, "
                + "refresh_token_ciphertext) VALUES ($1, $2, $3, $4, 'default', 'k1', '\\x00'::bytea)")
                .execute(Tuple.of(id, ownerId, key, channel)).await().indefinitely();
        return new Owner(ownerId, id);
    }

    private static void history(Owner owner, String md5, String videoId) {
        pool.preparedQuery("INSERT INTO upload_history (id, owner_id, google_account_id, channel_id, drive_file_id, "
                + "drive_md5, video_id, video_url) SELECT $1, $2, $3, a.channel_id, 'old-file', $4, $5, "
                + "'https://youtu.be/' || $5 FROM google_account a WHERE a.id = $3")
                .execute(Tuple.of(UUID.randomUUID(), owner.id, owner.accountId, md5, videoId)).await().indefinitely();
    }

    private static List<Row> rows(String sql, Object param) {
        List<Row> out = new ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(param)).await().indefinitely().forEach(out::add);
        return out;
    }

    private static long count(String sql, Object param) {
        return rows(sql, param).get(0).getLong(0);
    }
}
