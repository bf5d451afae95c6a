package dev.vidferry.api.folder;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import dev.vidferry.model.api.FolderEnqueueResponse;
import dev.vidferry.model.api.FolderScanResponse;
import dev.vidferry.model.metadata.VideoMetadata;
import dev.vidferry.platform.drive.FolderScan;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.folder.FolderBatch;

/** Maps scans and batches to the API's answers. */
final class FolderViews {

    private FolderViews() {
    }

    static FolderEnqueueResponse enqueued(FolderScan scan, FolderBatch batch) {
        List<FolderEnqueueResponse.QueuedFile> jobs = batch.jobs().stream()
                .map(j -> new FolderEnqueueResponse.QueuedFile(j.jobId(), j.video().fileId(), j.video().name(),
                        j.video().folderPath(), j.rendered().metadata().title()))
                .toList();
        List<FolderEnqueueResponse.SkippedFile> skipped = batch.skipped().stream()
                .map(s -> new FolderEnqueueResponse.SkippedFile(s.fileId(), s.fileName(), s.video().folderPath(),
                        s.reason().wire()))
                .toList();
        return new FolderEnqueueResponse(batch.batchId(), batch.addedCount(), batch.skippedCount(), jobs, skipped,
                scan.warnings(), scan.driveCalls());
    }

    /** Every video of the scan in its order, with what the plan would make of it. */
    static FolderScanResponse scan(String folderId, FolderScan scan, FolderBatch plan) {
        Map<ScannedVideo, FolderBatch.PlannedJob> planned = new IdentityHashMap<>();
        plan.jobs().forEach(j -> planned.put(j.video(), j));
        Map<ScannedVideo, String> skipped = new IdentityHashMap<>();
        plan.skipped().forEach(s -> skipped.put(s.video(), s.reason().wire()));
        List<FolderScanResponse.ScannedFile> videos = new ArrayList<>();
        for (ScannedVideo v : scan.videos()) {
            FolderBatch.PlannedJob job = planned.get(v);
            VideoMetadata m = job == null ? null : job.rendered().metadata();
            videos.add(new FolderScanResponse.ScannedFile(v.fileId(), v.name(), v.folderPath(), v.size(), v.md5(),
                    v.mimeType(), skipped.get(v), m == null ? null : m.title(), m == null ? null : m.description(),
                    job == null ? List.of() : job.rendered().changes(), v.warnings()));
        }
        return new FolderScanResponse(folderId, scan.folders().rootName(), videos, plan.addedCount(), plan.skippedCount(),
                scan.videosOverLimit(), scan.nonVideos(), scan.sidecars(), scan.manifests(), scan.foldersScanned(),
                scan.warnings(), scan.driveCalls());
    }
}
