package dev.vidferry.api.ui;

import java.util.Set;
import java.util.UUID;

import dev.vidferry.model.api.JobView;
import dev.vidferry.model.event.JobProgress;
import dev.vidferry.model.job.JobStatus;

/**
 * The part of a queue row that moves: status, progress, bytes, speed, message or error, the actions the status
 * allows and the video link. Built from the job's row for the page, and from each live event for {@code /ui/events},
 * which swaps it in by its id.
 */
public record JobLive(UUID id, JobStatus status, String stage, int progress, long bytesTransferred, long totalBytes,
        long bytesPerSecond, String message, String error, String videoUrl) {

    private static final Set<JobStatus> RUNNING = Set.of(JobStatus.DOWNLOADING, JobStatus.UPLOADING);
    private static final Set<JobStatus> FINISHED = Set.of(JobStatus.COMPLETED, JobStatus.FAILED, JobStatus.CANCELLED);
    /** Where YouTube shows a video (what the worker records as the job's videoUrl). */
    static final String WATCH = "https://www.youtube.com/watch?v=";

    public static JobLive of(JobView job) {
        String error = job.errorCode() == null
                ? null
                : job.errorMessage() == null ? job.errorCode() : job.errorCode() + ": " + job.errorMessage();
        long total = job.totalBytes() > 0 ? job.totalBytes() : job.sizeBytes();
        String message = job.status() == JobStatus.DEFERRED && job.nextAttemptAt() != null
                ? join(job.message(), "next attempt " + job.nextAttemptAt())
                : job.message();
        return new JobLive(job.id(), job.status(), job.stage(), job.progress(), job.bytesTransferred(), total, 0,
                message, error, safeUrl(job.videoUrl()));
    }

    public static JobLive of(JobProgress event) {
        String message = event.status() == JobStatus.DEFERRED && event.nextAttemptAt() != null
                ? join(event.message(), "next attempt " + event.nextAttemptAt())
                : event.message();
        return new JobLive(event.jobId(), event.status(), event.stage() == null ? null : event.stage().wireName(),
                event.progress(), event.bytesTransferred(), event.totalBytes(), event.bytesPerSecond(), message,
                event.errorCode() == null ? null : event.errorCode().name(),
                event.videoId() == null ? null : WATCH + event.videoId());
    }

    public String domId() {
        return "live-" + id;
    }

    public String statusName() {
        return status.wireName();
    }

    public String bytesText() {
        return totalBytes > 0
                ? Sizes.bytes(bytesTransferred) + " of " + Sizes.bytes(totalBytes)
                : Sizes.bytes(bytesTransferred);
    }

    public String speedText() {
        return RUNNING.contains(status) ? Sizes.rate(bytesPerSecond) : "";
    }

    public boolean canCancel() {
        return !FINISHED.contains(status);
    }

    public boolean canRetry() {
        return status == JobStatus.FAILED || status == JobStatus.CANCELLED;
    }

    public boolean canDelete() {
        return !RUNNING.contains(status);
    }

    /** Only web addresses become links: a stored value such as {@code javascript:...} is never one. */
    static String safeUrl(String url) {
        return url != null && (url.startsWith("https://") || url.startsWith("http://")) ? url : null;
    }

    private static String join(String a, String b) {
        return a == null || a.isBlank() ? b : a + "; " + b;
    }
}
