package dev.vidferry.examples.progresstail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The latest state of every job seen on {@code upload-job.progress}, kept the way docs/events.md asks a consumer to:
 * drop re-delivered event ids, never let an older event (by attempt, then time) overwrite a newer one, and accept a
 * retry (a later event of a finished job) as a new start.
 */
final class JobBoard {

    private static final int REMEMBERED_EVENTS = 10_000;
    private static final Set<String> FINISHED = Set.of("completed", "failed", "cancelled");

    /** One job's line. */
    record Job(String jobId, String status, String stage, int progress, long bytesTransferred, long totalBytes,
            long bytesPerSecond, String message, String videoId, String errorCode, int attempt, Instant occurredAt) {

        static Job of(JsonNode data) {
            return new Job(data.path("jobId").asText(), data.path("status").asText(), text(data, "stage"),
                    data.path("progress").asInt(), data.path("bytesTransferred").asLong(),
                    data.path("totalBytes").asLong(), data.path("bytesPerSecond").asLong(), text(data, "message"),
                    text(data, "videoId"), text(data, "errorCode"), data.path("attempt").asInt(),
                    Instant.parse(data.path("occurredAt").asText()));
        }

        boolean finished() {
            return FINISHED.contains(status);
        }

        private static String text(JsonNode node, String field) {
            JsonNode value = node.path(field);
            return value.isMissingNode() || value.isNull() ? null : value.asText();
        }
    }

    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Set<String> seen = new LinkedHashSet<>();

    /** Applies one envelope; the job's new state when it changed the board, else null. */
    Job apply(JsonNode envelope) {
        if (!"upload-job.progress".equals(envelope.path("eventType").asText()) || !envelope.path("data").isObject()) {
            return null; // new event types may appear on the topic: skip them
        }
        String eventId = envelope.path("eventId").asText();
        if (!seen.add(eventId)) {
            return null;
        }
        if (seen.size() > REMEMBERED_EVENTS) {
            seen.remove(seen.iterator().next());
        }
        Job next = Job.of(envelope.path("data"));
        Job current = jobs.get(next.jobId());
        if (current != null && !supersedes(next, current)) {
            return null;
        }
        jobs.put(next.jobId(), next);
        return next;
    }

    List<Job> jobs() {
        return new ArrayList<>(jobs.values());
    }

    private static boolean supersedes(Job next, Job current) {
        if (current.finished() && next.occurredAt().isAfter(current.occurredAt())) {
            return true; // retried by its owner: attempt starts at 0 again
        }
        if (next.attempt() != current.attempt()) {
            return next.attempt() > current.attempt();
        }
        return !next.occurredAt().isBefore(current.occurredAt());
    }

    /** {@code 6f1c2f1e uploading   [############..................]  41%  1.2 MiB / 3.0 MiB  2.3 MiB/s  Uploading}. */
    static String render(Job job, int width) {
        int filled = Math.max(0, Math.min(width, job.progress() * width / 100));
        String bar = "#".repeat(filled) + ".".repeat(width - filled);
        String tail = job.videoId() != null
                ? "video " + job.videoId()
                : job.errorCode() != null ? job.errorCode() : job.message() == null ? "" : job.message();
        String speed = job.bytesPerSecond() > 0 ? bytes(job.bytesPerSecond()) + "/s" : "";
        return String.format(Locale.ROOT, "%s %-11s [%s] %3d%%  %s / %s  %-11s %s", shortId(job.jobId()),
                job.status(), bar, job.progress(), bytes(job.bytesTransferred()), bytes(job.totalBytes()), speed,
                tail).stripTrailing();
    }

    static String bytes(long count) {
        if (count < 1024) {
            return count + " B";
        }
        double value = count;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String shortId(String jobId) {
        return jobId.length() > 8 ? jobId.substring(0, 8) : jobId;
    }
}
