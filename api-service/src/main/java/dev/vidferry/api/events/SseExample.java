package dev.vidferry.api.events;

/** The OpenAPI example of a progress stream: a state event, a live event and a heartbeat (see docs/events.md). */
final class SseExample {

    static final String VALUE = "event: state\n"
            + "id: 1764613089950.7c4d1f0e-3a8e-4a5e-9f2a-4b8f3f3c2d11\n"
            + "data: {\"eventId\":\"7c4d1f0e-3a8e-4a5e-9f2a-4b8f3f3c2d11\",\"eventType\":\"upload-job.progress\","
            + "\"schemaVersion\":1,\"jobId\":\"add322b1-5b0e-4f5c-8d4e-2a1b3c4d5e6f\",\"data\":{\"status\":\"uploading\","
            + "\"bytesTransferred\":8388608,\"totalBytes\":52428800}}\n\n"
            + "event: progress\n"
            + "id: 1764613090450.9e1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b\n"
            + "data: {\"eventId\":\"9e1a2b3c-4d5e-4f60-8a9b-0c1d2e3f4a5b\",\"eventType\":\"upload-job.progress\","
            + "\"schemaVersion\":1,\"jobId\":\"add322b1-5b0e-4f5c-8d4e-2a1b3c4d5e6f\",\"data\":{\"status\":\"uploading\","
            + "\"bytesTransferred\":16777216,\"totalBytes\":52428800}}\n\n"
            + ": heartbeat\n\n";

    private SseExample() {
    }
}
