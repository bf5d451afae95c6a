package dev.vidferry.worker.google;

import java.io.IOException;
import java.io.OutputStream;
import java.util.function.BooleanSupplier;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.client.http.AbstractHttpContent;
import com.google.api.client.http.EmptyContent;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpContent;
import com.google.api.client.http.HttpRequest;
import com.google.api.client.http.HttpRequestFactory;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.json.JsonHttpContent;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.JsonObjectParser;
import com.google.api.services.youtube.model.Video;

/**
 * YouTube's resumable upload protocol spoken over google-http-client: initiate a session, PUT chunks, query a
 * session's state. Unlike {@code MediaHttpUploader} it can continue a session an earlier process opened.
 */
public final class ResumableUpload {

    /** What a session said after a chunk or a status query. */
    public sealed interface State permits Incomplete, Done, Gone {
    }

    /** The session holds bytes {@code 0..nextOffset-1}; send from {@code nextOffset}. */
    public record Incomplete(long nextOffset) implements State {
    }

    /** The upload is complete; {@code video} is YouTube's answer. */
    public record Done(Video video) implements State {
    }

    /** The session expired or is unknown (404/410): start a new one. */
    public record Gone(int status) implements State {
    }

    private final HttpRequestFactory initiateRequests;
    private final HttpRequestFactory sessionRequests;
    private final JsonFactory json;
    private final String youtubeRootUrl;
    private final AbortableConnections connections;

    /**
     * @param initiateRequests authenticated, with back-off (initiation is safe to repeat)
     * @param sessionRequests authenticated, without automatic retries (the caller asks the session where it stands)
     */
    public ResumableUpload(HttpRequestFactory initiateRequests, HttpRequestFactory sessionRequests, JsonFactory json,
            String youtubeRootUrl) {
        this(initiateRequests, sessionRequests, json, youtubeRootUrl, null);
    }

    ResumableUpload(HttpRequestFactory initiateRequests, HttpRequestFactory sessionRequests, JsonFactory json,
            String youtubeRootUrl, AbortableConnections connections) {
        this.connections = connections;
        this.initiateRequests = initiateRequests;
        this.sessionRequests = sessionRequests;
        this.json = json;
        this.youtubeRootUrl = youtubeRootUrl.endsWith("/") ? youtubeRootUrl : youtubeRootUrl + "/";
    }

    /**
     * Cuts off the session request in flight from another thread (cancel): it fails at once, and so does every later
     * session request of this upload. The session is abandoned.
     */
    public void abort() {
        if (connections != null) {
            connections.abort();
        }
    }

    /** Opens a session for {@code totalBytes} of {@code contentType} with {@code video}'s {@code parts}. */
    public String initiate(Video video, String parts, boolean notifySubscribers, long totalBytes, String contentType)
            throws IOException {
        GenericUrl url = new GenericUrl(youtubeRootUrl + "upload/youtube/v3/videos");
        url.set("uploadType", "resumable");
        url.set("part", parts);
        url.set("notifySubscribers", notifySubscribers);
        HttpRequest request = initiateRequests.buildPostRequest(url, new JsonHttpContent(json, video));
        request.getHeaders().set("X-Upload-Content-Length", totalBytes);
        request.getHeaders().set("X-Upload-Content-Type", contentType);
        request.setThrowExceptionOnExecuteError(false);
        HttpResponse response = request.execute();
        try {
            if (!response.isSuccessStatusCode()) {
                throw GoogleJsonResponseException.from(json, response);
            }
            String location = response.getHeaders().getLocation();
            if (location == null || location.isBlank()) {
                throw new IOException("YouTube opened no upload session (no Location header)");
            }
            return location;
        } finally {
            response.disconnect();
        }
    }

    /**
     * Sends {@code buffer[0..length)} as bytes {@code first..first+length-1} of {@code totalBytes}. The body is
     * written in slices; once {@code abort} turns true the request is cut off with {@link Aborted} (the session keeps
     * whatever part arrived).
     */
    public State put(String sessionUri, byte[] buffer, int length, long first, long totalBytes, String contentType,
            BooleanSupplier abort) throws IOException {
        return put(sessionUri, buffer, 0, length, first, totalBytes, contentType, abort);
    }

    /** As {@link #put(String, byte[], int, long, long, String, BooleanSupplier)}, from {@code buffer[off]}. */
    public State put(String sessionUri, byte[] buffer, int off, int length, long first, long totalBytes,
            String contentType, BooleanSupplier abort) throws IOException {
        HttpContent content = new AbortableContent(contentType, buffer, off, length, abort);
        return send(sessionUri, content, "bytes " + first + "-" + (first + length - 1) + "/" + totalBytes);
    }

    /** Asks the session how much it holds (empty PUT, {@code Content-Range: bytes *}{@code /total}). */
    public State query(String sessionUri, long totalBytes) throws IOException {
        return send(sessionUri, new EmptyContent(), "bytes */" + totalBytes);
    }

    private State send(String sessionUri, HttpContent content, String contentRange) throws IOException {
        HttpRequest request = sessionRequests.buildPutRequest(new GenericUrl(sessionUri), content);
        request.getHeaders().setContentRange(contentRange);
        request.setThrowExceptionOnExecuteError(false);
        request.setFollowRedirects(false);
        request.setParser(new JsonObjectParser(json));
        HttpResponse response = request.execute();
        try {
            int status = response.getStatusCode();
            if (status == 200 || status == 201) {
                return new Done(response.parseAs(Video.class));
            }
            if (status == 308) {
                return new Incomplete(nextOffset(response.getHeaders().getRange()));
            }
            if (status == 404 || status == 410) {
                return new Gone(status);
            }
            throw GoogleJsonResponseException.from(json, response);
        } finally {
            response.disconnect();
        }
    }

    /** A chunk PUT cut off on purpose (cancel): not a network failure, don't retry it. */
    public static final class Aborted extends IOException {

        Aborted() {
            super("chunk upload aborted");
        }
    }

    /** A byte-array body written in 64 KiB slices that stops when asked to. */
    private static final class AbortableContent extends AbstractHttpContent {

        private static final int SLICE = 64 * 1024;
        private final byte[] buffer;
        private final int off;
        private final int length;
        private final BooleanSupplier abort;

        AbortableContent(String type, byte[] buffer, int off, int length, BooleanSupplier abort) {
            super(type);
            this.buffer = buffer;
            this.off = off;
            this.length = length;
            this.abort = abort;
        }

        @Override
        public long getLength() {
            return length;
        }

        @Override
        public boolean retrySupported() {
            return false;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            for (int offset = 0; offset < length; offset += SLICE) {
                if (abort.getAsBoolean()) {
                    throw new Aborted();
                }
                out.write(buffer, off + offset, Math.min(SLICE, length - offset));
            }
            out.flush();
        }
    }

    /** {@code bytes=0-N} -> N + 1; no header -> 0 (nothing received). */
    static long nextOffset(String range) throws IOException {
        if (range == null || range.isBlank()) {
            return 0;
        }
        String value = range.trim();
        int dash = value.lastIndexOf('-');
        if (!value.startsWith("bytes=") || dash < 0) {
            throw new IOException("unexpected Range header from YouTube: " + range);
        }
        try {
            return Long.parseLong(value.substring(dash + 1).trim()) + 1;
        } catch (NumberFormatException e) {
            throw new IOException("unexpected Range header from YouTube: " + range, e);
        }
    }
}
