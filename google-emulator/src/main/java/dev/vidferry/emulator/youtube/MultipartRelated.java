package dev.vidferry.emulator.youtube;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Consumer;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import dev.vidferry.emulator.http.GoogleError;

/**
 * Streaming parser for a {@code multipart/related} upload: a JSON metadata part, then the media part, which is fed to
 * an upload session as it arrives (only a terminator-sized carry is held back).
 */
final class MultipartRelated {

    private static final int MAX_HEAD = 1 << 20;

    /** Called once the metadata and the media part's headers are known; hands back the session to feed. */
    interface Start {

        void onMetadata(Buffer metadata, String mediaType, Consumer<UploadSession> sink);
    }

    private final RoutingContext ctx;
    private final byte[] delimiter;
    private final byte[] terminator;
    private final Start start;
    private final Consumer<UploadSession> done;
    private Buffer head = Buffer.buffer();
    private byte[] carry = new byte[0];
    private UploadSession session;
    private boolean finished;
    private boolean failed;

    MultipartRelated(RoutingContext ctx, String boundary, Start start, Consumer<UploadSession> done) {
        this.ctx = ctx;
        this.delimiter = ("--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.terminator = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        this.start = start;
        this.done = done;
    }

    static String boundary(String contentType) {
        if (!contentType.toLowerCase(Locale.ROOT).startsWith("multipart/related")) {
            return null;
        }
        for (String p : contentType.split(";")) {
            String t = p.trim();
            if (t.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String b = t.substring(9).trim();
                return b.startsWith("\"") && b.endsWith("\"") ? b.substring(1, b.length() - 1) : b;
            }
        }
        return null;
    }

    void start() {
        HttpServerRequest req = ctx.request();
        req.handler(this::onData);
        req.endHandler(v -> onEnd());
        req.resume();
    }

    private void onData(Buffer b) {
        if (failed || finished) {
            return;
        }
        try {
            if (session == null) {
                head.appendBuffer(b);
                parseHead();
            } else {
                media(b.getBytes());
            }
        } catch (RuntimeException e) {
            failed = true;
            ctx.fail(e);
        }
    }

    private void parseHead() {
        byte[] h = head.getBytes();
        int d1 = indexOf(h, h.length, delimiter, 0);
        int h1 = d1 < 0 ? -1 : indexOf(h, h.length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), d1);
        int d2 = h1 < 0 ? -1 : indexOf(h, h.length, terminator, h1 + 4);
        int h2 = d2 < 0 ? -1 : indexOf(h, h.length, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), d2);
        if (h2 < 0) {
            if (h.length > MAX_HEAD) {
                throw GoogleError.badRequest("badContent", "Malformed multipart body.").failure();
            }
            return;
        }
        Buffer metadata = Buffer.buffer(java.util.Arrays.copyOfRange(h, h1 + 4, d2));
        String partHeaders = new String(h, d2 + terminator.length, h2 - d2 - terminator.length, StandardCharsets.UTF_8);
        String mediaType = "video/*";
        for (String line : partHeaders.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
                mediaType = line.substring(13).trim();
            }
        }
        head = null;
        start.onMetadata(metadata, mediaType, s -> session = s);
        session.beginChunk();
        media(java.util.Arrays.copyOfRange(h, h2 + 4, h.length));
    }

    private void media(byte[] data) {
        byte[] combined = new byte[carry.length + data.length];
        System.arraycopy(carry, 0, combined, 0, carry.length);
        System.arraycopy(data, 0, combined, carry.length, data.length);
        int end = indexOf(combined, combined.length, terminator, 0);
        if (end >= 0) {
            session.accept(ByteBuffer.wrap(combined, 0, end));
            carry = new byte[0];
            finished = true;
            return;
        }
        int keep = Math.min(combined.length, terminator.length - 1);
        session.accept(ByteBuffer.wrap(combined, 0, combined.length - keep));
        carry = java.util.Arrays.copyOfRange(combined, combined.length - keep, combined.length);
    }

    private void onEnd() {
        if (failed) {
            return;
        }
        if (session == null) {
            ctx.fail(GoogleError.badRequest("badContent", "Malformed multipart body.").failure());
            return;
        }
        if (!finished && carry.length > 0) {
            session.accept(ByteBuffer.wrap(carry));
        }
        done.accept(session);
    }

    static int indexOf(byte[] hay, int length, byte[] needle, int from) {
        outer : for (int i = Math.max(0, from); i <= length - needle.length; i++) {
            if (hay[i] != needle[0]) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
