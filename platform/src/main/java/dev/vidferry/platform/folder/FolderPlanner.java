package dev.vidferry.platform.folder;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import dev.vidferry.model.folder.FolderSettings.RenderedMetadata;
import dev.vidferry.model.folder.SkipReason;
import dev.vidferry.model.metadata.MetadataValidator;
import dev.vidferry.model.metadata.Violation;
import dev.vidferry.platform.drive.ScannedVideo;
import dev.vidferry.platform.folder.FolderBatch.PlannedJob;
import dev.vidferry.platform.folder.FolderBatch.SkippedVideo;
import dev.vidferry.platform.job.JobBatches.LiveJob;

/**
 * Decides, without I/O, which videos of a batch become jobs: per-file metadata rendered (templates, sidecar and
 * manifest overrides, YouTube's rules), size limits, then duplicates against the live jobs and upload history given
 * and against the batch's own earlier files (the same file twice via two shortcuts, or two copies of one content).
 */
final class FolderPlanner {

    private FolderPlanner() {
    }

    static FolderBatch plan(FolderBatchRequest request, List<LiveJob> live, Map<String, String> uploaded) {
        Set<String> queuedFiles = new HashSet<>();
        Set<String> queuedMd5s = new HashSet<>();
        for (LiveJob job : live) {
            queuedFiles.add(job.driveFileId());
            if (job.md5() != null) {
                queuedMd5s.add(job.md5());
            }
        }
        boolean skipDuplicates = request.batch().skipDuplicates();
        MetadataValidator rules = new MetadataValidator(Clock.fixed(request.queuedAt(), ZoneOffset.UTC));
        List<PlannedJob> jobs = new ArrayList<>();
        List<SkippedVideo> skipped = new ArrayList<>();
        for (ScannedVideo video : request.videos()) {
            SkipReason reason = video.skipReason() != null ? video.skipReason() : sizeProblem(video, request.limits());
            if (reason == null && queuedFiles.contains(video.fileId())) {
                reason = SkipReason.alreadyQueued();
            }
            String md5 = video.md5();
            if (reason == null && skipDuplicates && md5 != null) {
                if (queuedMd5s.contains(md5)) {
                    reason = SkipReason.duplicateMd5Queued();
                } else if (uploaded.containsKey(md5)) {
                    reason = SkipReason.alreadyUploaded(uploaded.get(md5));
                }
            }
            RenderedMetadata rendered = null;
            if (reason == null) {
                rendered = request.settings().render(video.templateContext(request.queuedAt(), request.zone()),
                        video.overrides(), md5);
                List<Violation> violations = rules.validate(rendered.metadata());
                if (!violations.isEmpty()) {
                    // the settings were valid alone: the file's overrides make the combination invalid
                    reason = SkipReason.badSidecar(violations.get(0).field());
                }
            }
            if (reason != null) {
                skipped.add(new SkippedVideo(video, reason));
                continue;
            }
            queuedFiles.add(video.fileId());
            if (md5 != null) {
                queuedMd5s.add(md5);
            }
            jobs.add(new PlannedJob(UUID.randomUUID(), video, rendered, warning(video, rendered, request.limits()),
                    null));
        }
        return new FolderBatch(request.batch().batchId(), jobs, skipped);
    }

    /** The file ids and md5s a batch looks duplicates up for. */
    record Keys(Set<String> fileIds, Set<String> md5s) {
    }

    static Keys keys(List<ScannedVideo> videos) {
        Set<String> files = new HashSet<>();
        Set<String> md5s = new HashSet<>();
        for (ScannedVideo video : videos) {
            files.add(video.fileId());
            if (video.md5() != null) {
                md5s.add(video.md5());
            }
        }
        return new Keys(files, md5s);
    }

    private static SkipReason sizeProblem(ScannedVideo video, FolderBatchRequest.Limits limits) {
        if (video.size() == null) {
            return SkipReason.noContent();
        }
        if (video.size() == 0) {
            return SkipReason.emptyFile();
        }
        return video.size() > limits.maxSizeBytes() ? SkipReason.tooLarge() : null;
    }

    private static String warning(ScannedVideo video, RenderedMetadata rendered, FolderBatchRequest.Limits limits) {
        List<String> notes = new ArrayList<>(rendered.changes());
        if (video.size() > limits.warningSizeBytes()) {
            notes.add("The file has " + video.size() + " bytes, above the warning size of "
                    + limits.warningSizeBytes() + " bytes: the transfer will take long");
        }
        return notes.isEmpty() ? null : String.join("; ", notes);
    }
}
