package dev.vidferry.emulator.control;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Injected faults (consumed one per matching request), added latency, throttling and list-page shortening. */
public final class Faults {

    /** Where a fault strikes. */
    public enum Target {

        /** a PUT/POST to an upload session (resumable chunk or status query) */
        UPLOAD_PUT,
        /** a Drive media download */
        DRIVE_MEDIA,
        /** the OAuth token endpoint; status 400 = invalid_grant */
        TOKEN,
        /** any Drive or YouTube JSON (non-media) request */
        API,
        /** playlistItems.insert answers 404 videoNotFound */
        PLAYLIST_ITEMS;

        public static Target parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'));
        }

        public String wire() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /**
     * One queued fault.
     *
     * @param status HTTP status to answer, 0 when the fault is a connection reset
     * @param resetAfterBytes close the connection after this many request/response body bytes (-1: no reset)
     * @param range for {@code drive-media}: {@code ignore} answers a ranged read with 200 and the whole file,
     *        {@code shift} with a 206 starting one byte early; null: honour the Range
     * @param corruptAt for {@code drive-media}: flip the body byte at this offset (-1: none)
     */
    public record Fault(Target target, int status, long resetAfterBytes, String range, long corruptAt) {
    }

    private final Map<Target, Deque<Fault>> queues = new EnumMap<>(Target.class);
    private volatile long latencyMillis;
    private volatile long downloadBytesPerSecond;
    private volatile long uploadBytesPerSecond;
    private volatile boolean shortPages;

    public synchronized void add(Target target, int count, int status, long resetAfterBytes) {
        add(target, count, status, resetAfterBytes, null, -1);
    }

    public synchronized void add(Target target, int count, int status, long resetAfterBytes, String range,
            long corruptAt) {
        Deque<Fault> q = queues.computeIfAbsent(target, t -> new ArrayDeque<>());
        for (int i = 0; i < count; i++) {
            q.add(new Fault(target, status, resetAfterBytes, range, corruptAt));
        }
    }

    /** Takes the next fault for a target, or null. */
    public synchronized Fault take(Target target) {
        Deque<Fault> q = queues.get(target);
        return q == null ? null : q.poll();
    }

    public synchronized List<Fault> pending() {
        return queues.values().stream().flatMap(Deque::stream).toList();
    }

    public synchronized void reset() {
        queues.clear();
        latencyMillis = 0;
        downloadBytesPerSecond = 0;
        uploadBytesPerSecond = 0;
        shortPages = false;
    }

    public long latencyMillis() {
        return latencyMillis;
    }

    public void latencyMillis(long ms) {
        latencyMillis = ms;
    }

    public long downloadBytesPerSecond() {
        return downloadBytesPerSecond;
    }

    public long uploadBytesPerSecond() {
        return uploadBytesPerSecond;
    }

    public void throttle(long downloadBps, long uploadBps) {
        downloadBytesPerSecond = downloadBps;
        uploadBytesPerSecond = uploadBps;
    }

    public boolean shortPages() {
        return shortPages;
    }

    public void shortPages(boolean value) {
        shortPages = value;
    }
}
