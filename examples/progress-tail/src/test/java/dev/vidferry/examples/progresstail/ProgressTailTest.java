package dev.vidferry.examples.progresstail;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ProgressTailTest {

    private static final String JOB = "add322b1-3210-4456-94a9-d92b897fa009";

    @Test
    void printsABarPerChangeAndIgnoresDuplicatesOlderEventsAndOtherTypes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressTail tail = new ProgressTail(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        String tick = event(UUID.randomUUID(), "uploading", 41, 429_916, 2_411_000, null, 1, "2026-11-26T18:18:09.950Z");
        tail.accept(tick, "dev.vidferry.job.progress.v1");
        tail.accept(tick, "dev.vidferry.job.progress.v1"); // re-delivered
        tail.accept(event(UUID.randomUUID(), "uploading", 20, 200_000, 1_000, null, 1, "2026-11-26T18:18:08.000Z"),
                null); // older, arrived late
        tail.accept(event(UUID.randomUUID(), "pending", 0, 0, 0, null, 0, "2026-11-26T18:18:11.000Z"),
                "dev.vidferry.job.requested.v1"); // another type
        tail.accept("not json", null);
        tail.accept(event(UUID.randomUUID(), "completed", 100, 1_048_576, 0, "dQw4w9WgXcQ", 1,
                "2026-11-26T18:18:10.412Z"), "dev.vidferry.job.progress.v1");

        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[0]).startsWith("add322b1 uploading   [############..................]  41%")
                .contains("419.8 KiB / 1.0 MiB").contains("2.3 MiB/s");
        assertThat(lines[1]).startsWith("add322b1 completed   [##############################] 100%")
                .endsWith("video dQw4w9WgXcQ");
    }

    private static String event(UUID eventId, String status, int progress, long bytes, long speed, String videoId,
            int attempt, String at) {
        return """
                {"eventId":"%s","eventType":"upload-job.progress","schemaVersion":1,"jobId":"%s","occurredAt":"%s",
                 "data":{"jobId":"%s","ownerId":"115782285939936757488","status":"%s","stage":"uploading",
                 "progress":%d,"bytesTransferred":%d,"totalBytes":1048576,"bytesPerSecond":%d,"message":"Uploading",
                 "videoId":%s,"errorCode":null,"attempt":%d,"nextAttemptAt":null,"occurredAt":"%s"}}
                """.formatted(eventId, JOB, at, JOB, status, progress, bytes, speed,
                videoId == null ? "null" : "\"" + videoId + "\"", attempt, at);
    }
}
