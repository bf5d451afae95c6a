package dev.vidferry.emulator.drive;

import io.netty.buffer.Unpooled;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;

import dev.vidferry.emulator.content.SyntheticContent;

/**
 * Streams a byte range of synthetic content with backpressure (write-queue-full + drain), optional pacing to a byte
 * rate, an optional connection reset after K bytes and an optional flipped byte at body offset C. Never holds more than a chunk in memory.
 */
final class MediaStreamer {

    private static final int CHUNK = 1 << 20;

    private final Vertx vertx;
    private final HttpServerRequest request;
    private final HttpServerResponse response;
    private final SyntheticContent content;
    private final long end;
    private final long bytesPerSecond;
    private final long resetAfter;
    private final long corruptAt;
    private final long startNanos = System.nanoTime();
    private long pos;
    private long sent;

    MediaStreamer(Vertx vertx, HttpServerRequest request, SyntheticContent content, long from, long length,
            long bytesPerSecond, long resetAfter, long corruptAt) {
        this.vertx = vertx;
        this.request = request;
        this.response = request.response();
        this.content = content;
        this.pos = from;
        this.end = from + length;
        this.bytesPerSecond = bytesPerSecond;
        this.resetAfter = resetAfter;
        this.corruptAt = corruptAt;
    }

    void start() {
        response.closeHandler(v -> pos = end + 1);
        pump();
    }

    private void pump() {
        while (pos < end) {
            if (response.closed()) {
                return;
            }
            if (response.writeQueueFull()) {
                response.drainHandler(v -> pump());
                return;
            }
            int n = (int) Math.min(CHUNK, end - pos);
            if (bytesPerSecond > 0) {
                long dueNanos = startNanos + (long) (sent * 1e9 / bytesPerSecond);
                long waitMillis = (dueNanos - System.nanoTime()) / 1_000_000;
                if (waitMillis >= 1) {
                    vertx.setTimer(waitMillis, t -> pump());
                    return;
                }
                n = (int) Math.min(n, Math.max(1024, bytesPerSecond / 20));
            }
            boolean reset = resetAfter >= 0 && sent + n >= resetAfter;
            if (reset) {
                n = (int) (resetAfter - sent);
            }
            byte[] block = new byte[n];
            content.fill(pos, block, 0, n);
            if (corruptAt >= sent && corruptAt < sent + n) {
                block[(int) (corruptAt - sent)] ^= 0x5A; // one flipped byte on the wire
            }
            pos += n;
            sent += n;
            if (reset) {
                response.write(Buffer.buffer(Unpooled.wrappedBuffer(block)), ar -> request.connection().close());
                return;
            }
            response.write(Buffer.buffer(Unpooled.wrappedBuffer(block)));
        }
        if (pos == end) {
            pos++;
            response.end();
        }
    }
}
